"""Calls Lemongate's SOAP service with suds (SOAP 1.1 only), which sends credentials only after a 401 challenge.

Usage: suds_client.py WSDL_URL USER PASSWORD OPERATION
Prints the answer as JSON, or a fault as its message and detail code.
"""
import json
import sys

import suds
import suds.client


def main():
    wsdl, user, password, operation = sys.argv[1:5]
    client = suds.client.Client(wsdl, username=user, password=password, timeout=20)
    try:
        answer = getattr(client.service, operation)()
    except suds.WebFault as fault:
        detail = fault.fault.detail.MailboxFaultDetail
        print(json.dumps({"fault": str(fault.fault.faultstring), "code": str(detail.code)}))
        return
    print(json.dumps({"result": suds.client.Client.dict(answer) if hasattr(answer, "__keylist__")
                      else [suds.client.Client.dict(item) for item in answer]}, default=str))


if __name__ == "__main__":
    main()
