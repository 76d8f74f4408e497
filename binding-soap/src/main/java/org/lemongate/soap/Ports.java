package org.lemongate.soap;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.xml.namespace.QName;
import javax.xml.validation.Schema;

import jakarta.xml.ws.soap.SOAPBinding;

import org.apache.cxf.Bus;
import org.apache.cxf.frontend.WSDLGetUtils;
import org.apache.cxf.jaxws.EndpointImpl;
import org.apache.cxf.logging.FaultListener;
import org.apache.cxf.service.model.ServiceInfo;
import org.apache.cxf.ws.addressing.EndpointReferenceUtils;
import org.apache.cxf.ws.policy.PolicyEngine;

/**
 * The contract's three ports and the settings they share. Addresses are relative to the servlet's {@code /soap}
 * so that the served WSDL names whatever host, port and context path the request came in on.
 */
final class Ports {

    static final String NAMESPACE = "urn:lemongate:mail:1";
    static final QName SERVICE = new QName(NAMESPACE, "MailService");
    static final String WSDL = "classpath:wsdl/lemongate.wsdl";

    /**
     * One port of the service.
     *
     * @param name    its name in the WSDL
     * @param binding the JAX-WS binding id
     * @param address its address below the servlet
     * @param mtom    whether binary content travels as MTOM attachments
     */
    record Port(String name, String binding, String address, boolean mtom) {
    }

    /** In the WSDL's order; MTOM only on its own port, since suds and older .NET cannot read multipart replies. */
    static final List<Port> ALL = List.of(
            new Port("MailPort", SOAPBinding.SOAP11HTTP_BINDING, "/mail", false),
            new Port("MailPort12", SOAPBinding.SOAP12HTTP_BINDING, "/mail12", false),
            new Port("MailPortMtom", SOAPBinding.SOAP11HTTP_BINDING, "/mail-mtom", true));

    /**
     * Parser bounds on every request, well below CXF's defaults where those allow a small request to cost much:
     * no SOAP operation of the contract needs deeper nesting or more siblings than a batch of message ids.
     */
    private static final Map<String, Object> PARSER_LIMITS = Map.of(
            "org.apache.cxf.stax.maxElementDepth", 40,
            "org.apache.cxf.stax.maxChildElements", 5_000,
            "org.apache.cxf.stax.maxElementCount", 50_000,
            "org.apache.cxf.stax.maxAttributeCount", 50,
            "org.apache.cxf.stax.maxAttributeSize", 8 * 1024,
            // Inline base64 is held whole by the parser: large uploads belong on the MTOM port, where they stream.
            "org.apache.cxf.stax.maxTextLength", 16 * 1024 * 1024,
            // Requests are checked against the contract, so a missing or misspelt element is a Client fault that
            // names it rather than a null deep inside an operation.
            "schema-validation-enabled", "IN");

    /** Replies smaller than this are sent as they are: gzip would save little and cost a round of CPU. */
    private static final int GZIP_THRESHOLD = 1024;

    private Ports() {
    }

    static void publish(Bus bus, MailEndpoint implementor) {
        withoutPolicies(bus);
        ServedContract contract = new ServedContract(ALL);
        for (Port port : ALL) {
            EndpointImpl endpoint = new EndpointImpl(bus, implementor);
            endpoint.setWsdlLocation(WSDL);
            endpoint.setServiceName(SERVICE);
            endpoint.setEndpointName(new QName(NAMESPACE, port.name()));
            endpoint.setBindingUri(port.binding());
            Map<String, Object> properties = new HashMap<>(PARSER_LIMITS);
            properties.put("mtom-enabled", port.mtom());
            properties.put(WSDLGetUtils.class.getName(), contract);
            properties.put(FaultListener.class.getName(), new FaultLog());
            endpoint.setProperties(properties);
            endpoint.getInInterceptors().add(new UsernameToken());
            // Replies are gzipped for clients that accept it; gzipped requests are not accepted, since the size cap
            // counts bytes on the wire and a small compressed body could inflate without bound.
            endpoint.getOutInterceptors().add(new FastGzip(GZIP_THRESHOLD));
            if (!port.mtom()) {
                // Content replies encode their base64 with the JDK's encoder, not JAXB's (ADR 0025).
                endpoint.getOutInterceptors().add(new DirectBase64());
            }
            endpoint.getOutFaultInterceptors().add(new FastGzip(GZIP_THRESHOLD));
            endpoint.getOutFaultInterceptors().add(new FaultStatusInterceptor());
            endpoint.publish(port.address());
            reuseValidators(bus, endpoint);
        }
    }

    /**
     * Switches WS-Policy off on the binding's own bus. The contract declares no policy, and UsernameToken is read by
     * {@link UsernameToken}, not by a policy, yet the engine CXF brings along put four interceptors into every
     * exchange that looked for policies to apply: about 25 microseconds of each call, found by profiling
     * GetMessageMime (ADR 0023).
     */
    private static void withoutPolicies(Bus bus) {
        PolicyEngine policies = bus.getExtension(PolicyEngine.class);
        if (policies != null) {
            policies.setEnabled(false);
        }
    }

    /** Puts the schema CXF validates requests with behind {@link ReusedValidators}, where CXF looks it up. */
    private static void reuseValidators(Bus bus, EndpointImpl endpoint) {
        ServiceInfo service = endpoint.getServer().getEndpoint().getService().getServiceInfos().get(0);
        Schema schema = EndpointReferenceUtils.getSchema(service, bus);
        if (schema == null) {
            throw new IllegalStateException("CXF built no schema from the contract to validate requests with");
        }
        service.setProperty(Schema.class.getName(), new ReusedValidators(schema));
    }
}
