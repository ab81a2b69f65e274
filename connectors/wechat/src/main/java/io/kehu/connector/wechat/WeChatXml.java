package io.kehu.connector.wechat;

import java.io.IOException;
import java.io.StringReader;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.ErrorHandler;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Reads WeChat's flat {@code <xml><Name>value</Name>…</xml>} messages with the JDK's own parser,
 * hardened: no DOCTYPE at all (so no external entities, no entity expansion bombs), no external
 * DTDs or schemas, no XInclude.
 */
final class WeChatXml {

    /** The JDK's built-in implementation, whatever else the hub's class path offers through ServiceLoader. */
    private static final DocumentBuilderFactory FACTORY = factory();

    private WeChatXml() {
    }

    private static DocumentBuilderFactory factory() {
        DocumentBuilderFactory f = DocumentBuilderFactory.newDefaultInstance();
        try {
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException("The JDK's XML parser cannot be hardened", e);
        }
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        f.setXIncludeAware(false);
        f.setExpandEntityReferences(false);
        f.setNamespaceAware(false);
        return f;
    }

    /**
     * The root element's child elements as name → text (CDATA unwrapped, text kept as is; the first
     * of repeated names wins; nested elements give their concatenated text).
     *
     * @throws CallbackRefused (400) when the text is not such a document
     */
    static Map<String, String> parse(String xml) {
        if (xml == null || xml.isBlank()) {
            throw CallbackRefused.malformed("The body is empty");
        }
        Element root;
        try {
            DocumentBuilder b;
            synchronized (FACTORY) {
                b = FACTORY.newDocumentBuilder();
            }
            b.setErrorHandler(SILENT);
            b.setEntityResolver((publicId, systemId) -> {
                throw new SAXException("external entities are not allowed");
            });
            root = b.parse(new InputSource(new StringReader(xml))).getDocumentElement();
        } catch (SAXException | IOException | ParserConfigurationException e) {
            throw CallbackRefused.malformed("The body is not a WeChat XML message");
        }
        Map<String, String> out = new LinkedHashMap<>();
        for (Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n.getNodeType() == Node.ELEMENT_NODE) {
                out.putIfAbsent(n.getNodeName(), n.getTextContent());
            }
        }
        return Collections.unmodifiableMap(out);
    }

    /** The default handler prints "[Fatal Error]" lines, with content, to stderr. */
    private static final ErrorHandler SILENT = new ErrorHandler() {
        @Override
        public void warning(SAXParseException e) {
        }

        @Override
        public void error(SAXParseException e) throws SAXException {
            throw e;
        }

        @Override
        public void fatalError(SAXParseException e) throws SAXException {
            throw e;
        }
    };

    /** The value of a field, trimmed, or null when missing or blank. */
    static String field(Map<String, String> msg, String name) {
        String v = msg.get(name);
        if (v == null) {
            return null;
        }
        v = v.trim();
        return v.isEmpty() ? null : v;
    }
}
