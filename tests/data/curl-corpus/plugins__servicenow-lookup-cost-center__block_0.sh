curl --request GET \
--url 'https://your-domain.service-now.com/api/now/table/cmn_cost_center'
--header 'Authorization: Bearer YOUR_ACCESS_TOKEN'