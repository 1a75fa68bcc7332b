curl --location '<https://dev247130.service-now.com/api/now/stats/incident?sysparm_group_by=assigned_to.name>' \\
--header 'Authorization: Bearer '