package org.lemongate.soap;

import java.util.ArrayDeque;
import java.util.Deque;

import javax.xml.validation.Schema;
import javax.xml.validation.TypeInfoProvider;
import javax.xml.validation.Validator;
import javax.xml.validation.ValidatorHandler;

import org.w3c.dom.ls.LSResourceResolver;
import org.xml.sax.Attributes;
import org.xml.sax.ContentHandler;
import org.xml.sax.ErrorHandler;
import org.xml.sax.Locator;
import org.xml.sax.SAXException;
import org.xml.sax.SAXNotRecognizedException;
import org.xml.sax.SAXNotSupportedException;

/**
 * The contract's schema, handing out request validators that are reused on the thread that finished with them.
 * JAXB asks the schema for a new {@link ValidatorHandler} for every request it unmarshals, and the JDK's builds a
 * whole schema loader each time: for a small request that cost more than the rest of reading it. A validator resets
 * itself at the start of each document, so one that saw a whole document through is as good as new; one abandoned
 * mid-document (the request failed) is never handed out again.
 */
final class ReusedValidators extends Schema {

    /** Per thread at most this many idle validators; more are only needed while unmarshalling nests. */
    private static final int IDLE_PER_THREAD = 2;

    private final Schema schema;
    private final ThreadLocal<Deque<ValidatorHandler>> idle = ThreadLocal.withInitial(ArrayDeque::new);

    ReusedValidators(Schema schema) {
        this.schema = schema;
    }

    @Override
    public Validator newValidator() {
        return schema.newValidator();
    }

    @Override
    public ValidatorHandler newValidatorHandler() {
        ValidatorHandler reused = idle.get().poll();
        return new Returning(reused != null ? reused : schema.newValidatorHandler());
    }

    private void giveBack(ValidatorHandler handler) {
        Deque<ValidatorHandler> mine = idle.get();
        if (mine.size() < IDLE_PER_THREAD) {
            handler.setErrorHandler(null);
            handler.setContentHandler(null);
            mine.push(handler);
        }
    }

    /** A validator that goes back to its thread's idle list once it has seen a document to its end. */
    private final class Returning extends ValidatorHandler {
        private final ValidatorHandler validator;
        private boolean returned;

        Returning(ValidatorHandler validator) {
            this.validator = validator;
        }

        @Override
        public void endDocument() throws SAXException {
            validator.endDocument();
            if (!returned) {
                returned = true;
                giveBack(validator);
            }
        }

        @Override
        public void setContentHandler(ContentHandler receiver) {
            validator.setContentHandler(receiver);
        }

        @Override
        public ContentHandler getContentHandler() {
            return validator.getContentHandler();
        }

        @Override
        public void setErrorHandler(ErrorHandler errorHandler) {
            validator.setErrorHandler(errorHandler);
        }

        @Override
        public ErrorHandler getErrorHandler() {
            return validator.getErrorHandler();
        }

        @Override
        public void setResourceResolver(LSResourceResolver resourceResolver) {
            validator.setResourceResolver(resourceResolver);
        }

        @Override
        public LSResourceResolver getResourceResolver() {
            return validator.getResourceResolver();
        }

        @Override
        public TypeInfoProvider getTypeInfoProvider() {
            return validator.getTypeInfoProvider();
        }

        @Override
        public boolean getFeature(String name) throws SAXNotRecognizedException, SAXNotSupportedException {
            return validator.getFeature(name);
        }

        @Override
        public void setFeature(String name, boolean value) throws SAXNotRecognizedException, SAXNotSupportedException {
            validator.setFeature(name, value);
        }

        @Override
        public void setProperty(String name, Object value) throws SAXNotRecognizedException, SAXNotSupportedException {
            validator.setProperty(name, value);
        }

        @Override
        public Object getProperty(String name) throws SAXNotRecognizedException, SAXNotSupportedException {
            return validator.getProperty(name);
        }

        @Override
        public void setDocumentLocator(Locator locator) {
            validator.setDocumentLocator(locator);
        }

        @Override
        public void startDocument() throws SAXException {
            validator.startDocument();
        }

        @Override
        public void startPrefixMapping(String prefix, String uri) throws SAXException {
            validator.startPrefixMapping(prefix, uri);
        }

        @Override
        public void endPrefixMapping(String prefix) throws SAXException {
            validator.endPrefixMapping(prefix);
        }

        @Override
        public void startElement(String uri, String localName, String qName, Attributes atts) throws SAXException {
            validator.startElement(uri, localName, qName, atts);
        }

        @Override
        public void endElement(String uri, String localName, String qName) throws SAXException {
            validator.endElement(uri, localName, qName);
        }

        @Override
        public void characters(char[] ch, int start, int length) throws SAXException {
            validator.characters(ch, start, length);
        }

        @Override
        public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
            validator.ignorableWhitespace(ch, start, length);
        }

        @Override
        public void processingInstruction(String target, String data) throws SAXException {
            validator.processingInstruction(target, data);
        }

        @Override
        public void skippedEntity(String name) throws SAXException {
            validator.skippedEntity(name);
        }
    }
}
