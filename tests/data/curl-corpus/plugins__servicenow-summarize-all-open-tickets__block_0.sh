curl --location '<https://dev247130.service-now.com/api/now/stats/incident?sysparm_query=stateNOT%20IN6%2C7%2C8&sysparm_count=true>' \\
--header 'Authorization: Bearer '