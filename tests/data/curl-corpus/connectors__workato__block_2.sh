curl --location '{{base_url}}/mw/ajay-merchia-vv1/reverse-echo' \
--data ''