curl --location '<https://dev247130.service-now.com/api/now/table/incident?sysparm_fields=sys_created_on,state,number,assigned_to>' \\
--header 'Authorization: Bearer '