package org.lemongate.soap;

import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.apache.cxf.frontend.WSDLGetUtils;
import org.apache.cxf.message.Message;
import org.apache.cxf.service.model.EndpointInfo;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Serves {@code ?wsdl} with every port's address at the request's base, not only the port that was asked: CXF
 * rewrites the asked port from the request URL (the proxy's public URL behind a trusted proxy), and the others are placed next to it. CXF writes
 * the bindings in hash order; they are put back in a stable order, SOAP 1.1 first, because tools such as gSOAP's
 * wsdl2h build their client from the first binding.
 */
final class ServedContract extends WSDLGetUtils {

    private static final String WSDL_NS = "http://schemas.xmlsoap.org/wsdl/";

    private final List<Ports.Port> ports;

    ServedContract(List<Ports.Port> ports) {
        this.ports = ports;
    }

    @Override
    public Document getDocument(Message message, String base, Map<String, String> params, String ctxUri,
                                EndpointInfo endpoint) {
        Document document = super.getDocument(message, base, params, ctxUri, endpoint);
        orderBindings(document);
        Ports.Port asked = port(endpoint.getName().getLocalPart());
        Element askedAddress = address(document, asked.name());
        if (askedAddress == null) {
            return document;
        }
        String location = askedAddress.getAttribute("location");
        if (!location.endsWith(asked.address())) {
            return document;
        }
        String servletBase = withoutDefaultPort(location.substring(0, location.length() - asked.address().length()));
        for (Ports.Port port : ports) {
            Element address = address(document, port.name());
            if (address != null) {
                address.setAttribute("location", servletBase + port.address());
            }
        }
        return document;
    }

    /** {@code https://host:443/x} as {@code https://host/x}: forwarded headers often name the default port. */
    static String withoutDefaultPort(String url) {
        URI uri = URI.create(url);
        boolean defaultPort = uri.getPort() == 443 && "https".equalsIgnoreCase(uri.getScheme())
                || uri.getPort() == 80 && "http".equalsIgnoreCase(uri.getScheme());
        if (!defaultPort) {
            return url;
        }
        return url.replaceFirst("^([A-Za-z]+://[^/:]+):" + uri.getPort(), "$1");
    }

    /** Sorts the wsdl:binding elements by name ({@code MailBinding} before {@code MailBinding12}), in place. */
    private static void orderBindings(Document document) {
        NodeList found = document.getElementsByTagNameNS(WSDL_NS, "binding");
        List<Element> bindings = new ArrayList<>();
        for (int i = 0; i < found.getLength(); i++) {
            bindings.add((Element) found.item(i));
        }
        if (bindings.size() < 2) {
            return;
        }
        Node parent = bindings.get(0).getParentNode();
        Node after = bindings.get(bindings.size() - 1).getNextSibling();
        bindings.forEach(parent::removeChild);
        bindings.sort(Comparator.comparing(b -> b.getAttribute("name")));
        bindings.forEach(b -> parent.insertBefore(b, after));
    }

    private Ports.Port port(String name) {
        return ports.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no port " + name));
    }

    /** The soap:address or soap12:address element of the named port, if the document has that port. */
    private static Element address(Document document, String portName) {
        NodeList wsdlPorts = document.getElementsByTagNameNS(WSDL_NS, "port");
        for (int i = 0; i < wsdlPorts.getLength(); i++) {
            Element port = (Element) wsdlPorts.item(i);
            if (portName.equals(port.getAttribute("name"))) {
                NodeList addresses = port.getElementsByTagNameNS("*", "address");
                return addresses.getLength() == 0 ? null : (Element) addresses.item(0);
            }
        }
        return null;
    }
}
