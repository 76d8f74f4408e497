package org.lemongate.soap;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import javax.xml.namespace.NamespaceContext;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import jakarta.activation.DataHandler;

import org.jvnet.staxex.Base64Data;
import org.jvnet.staxex.NamespaceContextEx;
import org.jvnet.staxex.XMLStreamWriterEx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reply's XML writer that writes binary content as base64 straight into the reply's byte stream.
 *
 * <p>jaxb-runtime hands a writer implementing {@link XMLStreamWriterEx} the content's {@link DataHandler} where it
 * would otherwise encode the content itself (ADR 0025). Here the open start tag is closed, what the XML writer holds
 * is written out to the byte stream it writes to, and the content follows, encoded by the JDK's base64 encoder in
 * chunks, as ASCII, which is the same bytes in every encoding this writer is installed for (see
 * {@link DirectBase64}). Everything else is passed to the XML writer unchanged.
 *
 * <p>The XML writer's flush must not reach the network: CXF's {@code StaxOutInterceptor} gives the XML writer a
 * stream that does not pass flushes on, so the reply still leaves in full buffers.
 */
final class DirectBase64Writer implements XMLStreamWriterEx {

    private static final Logger LOG = LoggerFactory.getLogger(DirectBase64Writer.class);

    private final XMLStreamWriter xml;
    private final OutputStream bytes;
    private final WrittenNamespaces namespaces;
    private Base64Stream base64;
    /** An element opened by writeEmptyElement, whose namespace declarations end at the next structure. */
    private boolean emptyElementOpen;

    /**
     * @param xml   the reply's XML writer
     * @param bytes the stream {@code xml} writes its bytes into, in an ASCII-compatible encoding
     */
    DirectBase64Writer(XMLStreamWriter xml, OutputStream bytes) {
        this.xml = xml;
        this.bytes = bytes;
        this.namespaces = new WrittenNamespaces(xml::getNamespaceContext);
    }

    @Override
    public void writeBinary(byte[] data, int start, int len, String contentType) throws XMLStreamException {
        try (Base64Stream out = startBinary()) {
            out.write(data, start, len);
            written(len);
        } catch (IOException e) {
            throw new XMLStreamException("the reply could not be written", e);
        }
    }

    @Override
    public void writeBinary(DataHandler data) throws XMLStreamException {
        try (Base64Stream out = startBinary(); InputStream in = data.getInputStream()) {
            long before = out.count();
            out.encodeAll(in);
            written(out.count() - before);
        } catch (IOException e) {
            throw new XMLStreamException("the content could not be read to write it", e);
        }
    }

    /** The stream to write the next run of content into; closing it ends the base64 text, not the reply. */
    @Override
    public OutputStream writeBinary(String contentType) throws XMLStreamException {
        try {
            return startBinary();
        } catch (IOException e) {
            throw new XMLStreamException("the reply could not be written", e);
        }
    }

    @Override
    public void writePCDATA(CharSequence data) throws XMLStreamException {
        if (data instanceof Base64Data binary) {
            writeBinary(binary.get(), 0, binary.getDataLen(), binary.getMimeType());
        } else {
            writeCharacters(data.toString());
        }
    }

    /** Closes an open start tag and moves everything the XML writer holds into the byte stream. */
    private Base64Stream startBinary() throws IOException, XMLStreamException {
        endEmptyElement();
        xml.writeCharacters("");
        xml.flush();
        if (base64 == null) {
            base64 = new Base64Stream(bytes);
        }
        return base64;
    }

    private static void written(long count) {
        LOG.trace("{} bytes of content written as base64 straight into the reply", count);
    }

    /** How many bytes of content went past JAXB's text path so far. */
    long contentBytesWritten() {
        return base64 == null ? 0 : base64.count();
    }

    @Override
    public NamespaceContextEx getNamespaceContext() {
        return namespaces;
    }

    @Override
    public void setNamespaceContext(NamespaceContext context) throws XMLStreamException {
        xml.setNamespaceContext(context);
        namespaces.root(context);
    }

    @Override
    public void writeStartElement(String localName) throws XMLStreamException {
        endEmptyElement();
        xml.writeStartElement(localName);
        namespaces.startElement();
    }

    @Override
    public void writeStartElement(String namespaceURI, String localName) throws XMLStreamException {
        endEmptyElement();
        xml.writeStartElement(namespaceURI, localName);
        namespaces.startElement();
    }

    @Override
    public void writeStartElement(String prefix, String localName, String namespaceURI) throws XMLStreamException {
        endEmptyElement();
        xml.writeStartElement(prefix, localName, namespaceURI);
        namespaces.startElement();
    }

    @Override
    public void writeEmptyElement(String namespaceURI, String localName) throws XMLStreamException {
        endEmptyElement();
        xml.writeEmptyElement(namespaceURI, localName);
        startEmptyElement();
    }

    @Override
    public void writeEmptyElement(String prefix, String localName, String namespaceURI) throws XMLStreamException {
        endEmptyElement();
        xml.writeEmptyElement(prefix, localName, namespaceURI);
        startEmptyElement();
    }

    @Override
    public void writeEmptyElement(String localName) throws XMLStreamException {
        endEmptyElement();
        xml.writeEmptyElement(localName);
        startEmptyElement();
    }

    private void startEmptyElement() {
        namespaces.startElement();
        emptyElementOpen = true;
    }

    private void endEmptyElement() {
        if (emptyElementOpen) {
            namespaces.endElement();
            emptyElementOpen = false;
        }
    }

    @Override
    public void writeEndElement() throws XMLStreamException {
        endEmptyElement();
        xml.writeEndElement();
        namespaces.endElement();
    }

    @Override
    public void writeEndDocument() throws XMLStreamException {
        endEmptyElement();
        xml.writeEndDocument();
        namespaces.endDocument();
    }

    @Override
    public void close() throws XMLStreamException {
        xml.close();
    }

    @Override
    public void flush() throws XMLStreamException {
        xml.flush();
    }

    @Override
    public void writeAttribute(String localName, String value) throws XMLStreamException {
        xml.writeAttribute(localName, value);
    }

    @Override
    public void writeAttribute(String prefix, String namespaceURI, String localName, String value)
            throws XMLStreamException {
        xml.writeAttribute(prefix, namespaceURI, localName, value);
    }

    @Override
    public void writeAttribute(String namespaceURI, String localName, String value) throws XMLStreamException {
        xml.writeAttribute(namespaceURI, localName, value);
    }

    @Override
    public void writeNamespace(String prefix, String namespaceURI) throws XMLStreamException {
        xml.writeNamespace(prefix, namespaceURI);
        boolean isDefault = prefix == null || prefix.isEmpty() || prefix.equals("xmlns");
        namespaces.declare(isDefault ? "" : prefix, namespaceURI);
    }

    @Override
    public void writeDefaultNamespace(String namespaceURI) throws XMLStreamException {
        xml.writeDefaultNamespace(namespaceURI);
        namespaces.declare("", namespaceURI);
    }

    @Override
    public void writeComment(String data) throws XMLStreamException {
        endEmptyElement();
        xml.writeComment(data);
    }

    @Override
    public void writeProcessingInstruction(String target) throws XMLStreamException {
        endEmptyElement();
        xml.writeProcessingInstruction(target);
    }

    @Override
    public void writeProcessingInstruction(String target, String data) throws XMLStreamException {
        endEmptyElement();
        xml.writeProcessingInstruction(target, data);
    }

    @Override
    public void writeCData(String data) throws XMLStreamException {
        endEmptyElement();
        xml.writeCData(data);
    }

    @Override
    public void writeDTD(String dtd) throws XMLStreamException {
        xml.writeDTD(dtd);
    }

    @Override
    public void writeEntityRef(String name) throws XMLStreamException {
        endEmptyElement();
        xml.writeEntityRef(name);
    }

    @Override
    public void writeStartDocument() throws XMLStreamException {
        xml.writeStartDocument();
    }

    @Override
    public void writeStartDocument(String version) throws XMLStreamException {
        xml.writeStartDocument(version);
    }

    @Override
    public void writeStartDocument(String encoding, String version) throws XMLStreamException {
        xml.writeStartDocument(encoding, version);
    }

    @Override
    public void writeCharacters(String text) throws XMLStreamException {
        endEmptyElement();
        xml.writeCharacters(text);
    }

    @Override
    public void writeCharacters(char[] text, int start, int len) throws XMLStreamException {
        endEmptyElement();
        xml.writeCharacters(text, start, len);
    }

    @Override
    public String getPrefix(String uri) throws XMLStreamException {
        return xml.getPrefix(uri);
    }

    @Override
    public void setPrefix(String prefix, String uri) throws XMLStreamException {
        endEmptyElement();
        xml.setPrefix(prefix, uri);
        namespaces.declare(prefix, uri);
    }

    @Override
    public void setDefaultNamespace(String uri) throws XMLStreamException {
        endEmptyElement();
        xml.setDefaultNamespace(uri);
        namespaces.declare("", uri);
    }

    @Override
    public Object getProperty(String name) {
        return xml.getProperty(name);
    }
}
