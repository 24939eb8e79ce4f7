package org.storeuptime.core.csv.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader of flat JSON: an object whose values are strings, numbers, booleans or null (kept as their
 * text; null as {@code null}), or an array of such objects. Live ingestion's bodies need no more, and the core
 * depends on no JSON library. Errors name the column (and line) where the text stops being what is expected.
 */
public final class FlatJson {

    private final String text;
    private int pos;
    private long line;
    private int lineStart;

    private FlatJson(String text, long firstLine) {
        this.text = text;
        this.line = firstLine;
    }

    /** One object in {@code text}, on line {@code line}; nothing else but blanks may follow it. */
    public static Map<String, String> object(String text, long line) {
        FlatJson json = new FlatJson(text, line);
        json.blanks();
        Map<String, String> object = json.object();
        json.blanks();
        if (json.pos < text.length()) {
            throw json.error("unexpected text after the object");
        }
        return object;
    }

    /** An object with the line it starts on. */
    public record Item(long line, Map<String, String> fields) {
    }

    /** An array of objects in {@code text}, whose first line is {@code firstLine}. */
    public static List<Item> array(String text, long firstLine) {
        FlatJson json = new FlatJson(text, firstLine);
        json.blanks();
        json.expect('[');
        List<Item> items = new ArrayList<>();
        json.blanks();
        if (json.peek() == ']') {
            json.pos++;
        } else {
            while (true) {
                json.blanks();
                long at = json.line;
                items.add(new Item(at, json.object()));
                json.blanks();
                char c = json.next();
                if (c == ']') {
                    break;
                }
                if (c != ',') {
                    json.pos--; // the column of the character at fault, not the one after it
                    throw json.error("expected , or ] after an object");
                }
            }
        }
        json.blanks();
        if (json.pos < text.length()) {
            throw json.error("unexpected text after the array");
        }
        return items;
    }

    private Map<String, String> object() {
        expect('{');
        Map<String, String> fields = new LinkedHashMap<>();
        blanks();
        if (peek() == '}') {
            pos++;
            return fields;
        }
        while (true) {
            blanks();
            if (peek() != '"') {
                throw error("expected a field name in double quotes");
            }
            String name = string();
            blanks();
            expect(':');
            blanks();
            String value = value();
            if (fields.containsKey(name)) {
                throw error("field " + name + " appears twice");
            }
            fields.put(name, value);
            blanks();
            char c = next();
            if (c == '}') {
                return fields;
            }
            if (c != ',') {
                pos--; // the column of the character at fault, not the one after it
                throw error("expected , or } after a value");
            }
        }
    }

    private String value() {
        char c = peek();
        if (c == '"') {
            return string();
        }
        if (c == '{' || c == '[') {
            throw error("expected a string, number, true, false or null (objects and arrays are not taken here)");
        }
        int start = pos;
        while (pos < text.length() && "0123456789+-.eEtrufalsn".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        String word = text.substring(start, pos);
        if (word.equals("null")) {
            return null;
        }
        if (word.equals("true") || word.equals("false") || word.matches("-?(0|[1-9][0-9]*)(\\.[0-9]+)?([eE][+-]?[0-9]+)?")) {
            return word;
        }
        pos = start;
        throw error("expected a string, number, true, false or null");
    }

    private String string() {
        expect('"');
        StringBuilder s = new StringBuilder();
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return s.toString();
            }
            if (c < 0x20) {
                pos--;
                throw error("a control character inside a string (escape it)");
            }
            if (c != '\\') {
                s.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case '"', '\\', '/' -> s.append(e);
                case 'b' -> s.append('\b');
                case 'f' -> s.append('\f');
                case 'n' -> s.append('\n');
                case 'r' -> s.append('\r');
                case 't' -> s.append('\t');
                case 'u' -> {
                    int code = 0;
                    for (int k = 0; k < 4; k++) {
                        // ASCII hex digits only: Integer.parseInt also took a sign and other scripts' digits
                        int digit = pos + k < text.length() ? hexDigit(text.charAt(pos + k)) : -1;
                        if (digit < 0) {
                            throw error("a \\u escape needs four hex digits");
                        }
                        code = code * 16 + digit;
                    }
                    s.append((char) code);
                    pos += 4;
                }
                default -> {
                    pos--;
                    throw error("unknown escape \\" + e);
                }
            }
        }
    }

    private static int hexDigit(char c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        if (c >= 'a' && c <= 'f') {
            return c - 'a' + 10;
        }
        if (c >= 'A' && c <= 'F') {
            return c - 'A' + 10;
        }
        return -1;
    }

    private void blanks() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\n') {
                line++;
                lineStart = pos + 1;
            } else if (c != ' ' && c != '\t' && c != '\r') {
                return;
            }
            pos++;
        }
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private char next() {
        if (pos >= text.length()) {
            throw error("unexpected end of the JSON");
        }
        return text.charAt(pos++);
    }

    private void expect(char c) {
        if (peek() != c) {
            throw error("expected " + c);
        }
        pos++;
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException("not flat JSON at line " + line + " column " + (pos - lineStart + 1)
                + ": " + message);
    }
}
