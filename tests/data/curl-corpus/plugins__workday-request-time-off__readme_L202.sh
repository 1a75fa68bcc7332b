curl -X POST "https://<tenantUrl>/ccx/service/<tenantName>/Absence_Management/v45.1" \
  -H "Content-Type: text/xml" \
  -d "<soapenv:Envelope
    xmlns:soapenv='http://schemas.xmlsoap.org/soap/envelope/'
    xmlns:xsd='http://www.w3.org/2001/XMLSchema'>
    <soapenv:Body>
        <bsvc:Enter_Time_Off_Request xmlns:bsvc="urn:com.workday/bsvc" bsvc:version="v42.0">
            <bsvc:Business_Process_Parameters>
                <bsvc:Auto_Complete>false</bsvc:Auto_Complete>  
            </bsvc:Business_Process_Parameters>
            <bsvc:Enter_Time_Off_Data>
                <bsvc:Worker_Reference bsvc:Descriptor="string">
                    <bsvc:ID bsvc:type="WID">{{worker_id}}</bsvc:ID>
                </bsvc:Worker_Reference>
                {{{generated_xml_content}}}
            </bsvc:Enter_Time_Off_Data>
        </bsvc:Enter_Time_Off_Request>
    </soapenv:Body>
</soapenv:Envelope>"