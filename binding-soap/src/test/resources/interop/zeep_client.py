"""Calls Lemongate's SOAP service with zeep, as a Python developer would, and prints the answer as JSON.

Usage: zeep_client.py WSDL_URL USER PASSWORD PORT OPERATION [ARGUMENTS_JSON [AUTH]]
PORT is a port name of the WSDL (MailPort, MailPort12, MailPortMtom); ARGUMENTS_JSON the operation's keyword
arguments; AUTH "basic" (HTTP Basic, the default) or "wsse" (a WS-Security UsernameToken, PasswordText). Binary values are printed as their length and SHA-256; a fault as its message and detail code.
"""
import hashlib
import json
import sys

import requests
import zeep
import zeep.exceptions
import zeep.helpers
import zeep.transports
import zeep.wsse.username


def printable(value):
    if isinstance(value, bytes):
        return {"length": len(value), "sha256": hashlib.sha256(value).hexdigest()}
    if isinstance(value, dict):
        return {k: printable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [printable(v) for v in value]
    return value


def main():
    wsdl, user, password, port, operation = sys.argv[1:6]
    arguments = json.loads(sys.argv[6]) if len(sys.argv) > 6 else {}
    auth = sys.argv[7] if len(sys.argv) > 7 else "basic"
    session = requests.Session()
    wsse = None
    if auth == "wsse":
        wsse = zeep.wsse.username.UsernameToken(user, password)
    else:
        session.auth = (user, password)
    client = zeep.Client(wsdl, wsse=wsse, transport=zeep.transports.Transport(session=session, timeout=20))
    service = client.bind("MailService", port)
    try:
        answer = getattr(service, operation)(**arguments)
    except zeep.exceptions.Fault as fault:
        detail = fault.detail
        code = detail.find(".//{urn:lemongate:mail:1}code") if detail is not None else None
        print(json.dumps({"fault": fault.message, "code": code.text if code is not None else None}))
        return
    result = printable(zeep.helpers.serialize_object(answer, dict))
    print(json.dumps({"result": result}, default=str))


if __name__ == "__main__":
    main()
