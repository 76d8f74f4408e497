// A small gSOAP client of Lemongate, built from the served WSDL with wsdl2h and soapcpp2 -j:
// lists the folders, then fetches the newest inbox message's summary and MIME structure.
// Usage: mail_client ENDPOINT USER PASSWORD
// Prints "folder NAME", "subject SUBJECT", "part ID TYPE" lines; on a fault "fault CODE REASON" and exits 2.
#include <iostream>

#include "soapMailBindingProxy.h"
#include "MailBinding.nsmap"

static int fault(MailBindingProxy &proxy) {
    struct soap *soap = proxy.soap;
    const char *code = "NONE";
    if (soap->fault != nullptr && soap->fault->detail != nullptr
            && soap->fault->detail->lg__MailboxFaultDetail != nullptr) {
        code = soap_lg__FaultCode2s(soap, soap->fault->detail->lg__MailboxFaultDetail->code);
    }
    const char *reason = soap_fault_string(soap);
    std::cout << "fault " << code << " " << (reason != nullptr ? reason : "") << std::endl;
    return 2;
}

static void authenticate(MailBindingProxy &proxy, const char *user, const char *password) {
    proxy.soap->userid = user;
    proxy.soap->passwd = password;
}

static void printParts(const lg__MimePart *part) {
    std::cout << "part " << (part->partId.empty() ? "-" : part->partId) << " " << part->contentType << std::endl;
    for (const lg__MimePart *child : part->part) {
        printParts(child);
    }
}

int main(int argc, char **argv) {
    if (argc != 4) {
        std::cerr << "usage: mail_client ENDPOINT USER PASSWORD" << std::endl;
        return 1;
    }
    MailBindingProxy proxy(argv[1]);
    authenticate(proxy, argv[2], argv[3]);

    _lg__ListFolders listFolders;
    _lg__ListFoldersResponse folders;
    if (proxy.ListFolders(&listFolders, folders) != SOAP_OK) {
        return fault(proxy);
    }
    for (const lg__Folder *folder : folders.folder) {
        std::cout << "folder " << folder->name << std::endl;
    }

    _lg__ListMessages listMessages;
    listMessages.folder = "INBOX";
    lg__PageSize one = 1;
    listMessages.pageSize = &one;
    _lg__ListMessagesResponse page;
    authenticate(proxy, argv[2], argv[3]);
    if (proxy.ListMessages(&listMessages, page) != SOAP_OK) {
        return fault(proxy);
    }
    if (page.page->message.empty()) {
        std::cout << "empty" << std::endl;
        return 0;
    }

    _lg__GetMessage getMessage;
    getMessage.id = page.page->message[0]->id;
    _lg__GetMessageResponse message;
    authenticate(proxy, argv[2], argv[3]);
    if (proxy.GetMessage(&getMessage, message) != SOAP_OK) {
        return fault(proxy);
    }
    std::cout << "subject " << message.message->summary->subject << std::endl;
    printParts(message.message->structure);
    return 0;
}
