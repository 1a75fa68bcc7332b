
curl -k "https://<firewall>/api/?type=op&cmd=<show><system><info></info></system></show>" \
  -H "X-PAN-KEY: <API_KEY>"