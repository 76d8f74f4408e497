"""Calls Lemongate's SOAP service with zeep, as a Python developer would, and prints the answers as JSON.

Usage: zeep_client.py WSDL_URL USER PASSWORD SERVICE_PORT OPERATION
SERVICE_PORT is a port name of the WSDL (MailPort, MailPort12); OPERATION one of: GetServiceInfo, ListFolders.
"""
import json
import sys

import requests
import zeep
import zeep.exceptions
import zeep.helpers
import zeep.transports


def main():
    wsdl, user, password, port, operation = sys.argv[1:6]
    session = requests.Session()
    session.auth = (user, password)
    client = zeep.Client(wsdl, transport=zeep.transports.Transport(session=session, timeout=20))
    service = client.bind("MailService", port)
    try:
        answer = getattr(service, operation)()
    except zeep.exceptions.Fault as fault:
        detail = fault.detail
        code = detail.find(".//{urn:lemongate:mail:1}code").text if detail is not None else None
        print(json.dumps({"fault": fault.message, "code": code}))
        return
    print(json.dumps({"result": zeep.helpers.serialize_object(answer, dict)}, default=str))


if __name__ == "__main__":
    main()
