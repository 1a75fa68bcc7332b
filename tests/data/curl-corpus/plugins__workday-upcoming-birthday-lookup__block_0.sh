curl 'https://your-domain.com/ccx/service/customreport2/<INSTANCE>/<your *user_name*>/Alert_-_Birthdays_for_this_week_and_next?format=json'
--user '<api_key>:'