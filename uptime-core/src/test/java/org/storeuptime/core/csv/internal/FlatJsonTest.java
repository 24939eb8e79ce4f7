package org.storeuptime.core.csv.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FlatJsonTest {

    @Test
    void decodesEveryJsonEscapeInAString() {
        // the JSON text: "q\" b\\ s\/ b\b f\f n\n r\r t\t e\u00e9 E\u20AC g\uD83D\uDE00"
        String json = "{\"s\": \"q\\\" b\\\\ s\\/ b\\b f\\f n\\n r\\r t\\t e\\u00e9 E\\u20AC g\\uD83D\\uDE00\"}";

        Map<String, String> object = FlatJson.object(json, 1);

        String s = object.get("s");
        assertThat(s).isEqualTo("q\" b\\ s/ b\b f\f n\n r\r t\t e\u00e9 E\u20ac g\ud83d\ude00");
        // the surrogate pair is one code point, U+1F600
        assertThat(s.codePointAt(s.length() - 2)).isEqualTo(0x1F600);
        assertThat(s.codePointCount(0, s.length())).isEqualTo(s.length() - 1);
    }

    @Test
    void escapesMayAlsoAppearInFieldNamesAndUnescapedUnicodeIsKept() {
        Map<String, String> object = FlatJson.object("{\"store\\u005fid\": \"K\u00f6ln \u6771\u4eac\"}", 1);

        assertThat(object).containsExactly(entry("store_id", "K\u00f6ln \u6771\u4eac"));
    }

    @Test
    void keepsNumbersBooleansAndNullAsTheirTextInFieldOrder() {
        Map<String, String> object = FlatJson.object(
                "{\"z\": 0, \"y\": -12, \"x\": 3.25, \"w\": 1e3, \"v\": -2.5E-7, \"u\": 6E+2, \"t\": true,"
                        + " \"f\": false, \"n\": null, \"e\": \"\"}", 1);

        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("z", "0");
        expected.put("y", "-12");
        expected.put("x", "3.25");
        expected.put("w", "1e3");
        expected.put("v", "-2.5E-7");
        expected.put("u", "6E+2");
        expected.put("t", "true");
        expected.put("f", "false");
        expected.put("n", null);
        expected.put("e", "");
        assertThat(object).containsExactlyEntriesOf(expected);
        assertThat(object).containsKey("n");
        assertThat(object.get("n")).isNull();
    }

    @Test
    void takesJsonWhitespaceAroundEveryToken() {
        Map<String, String> object = FlatJson.object(" \t\r\n{ \"a\" \t:\r\n \"b\" ,\n\"c\":1\t}\r\n\t ", 1);

        assertThat(object).containsExactly(entry("a", "b"), entry("c", "1"));
    }

    @Test
    void anEmptyObjectHasNoFields() {
        assertThat(FlatJson.object("{ }", 1)).isEmpty();
        assertThat(FlatJson.object("{}", 1)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"01", "-01", "1.", ".5", "+1", "-", "1e", "1e+", "1.2.3", "NaN", "Infinity",
            "True", "FALSE", "nul", "nulls", "truefalse", "'a'"})
    void rejectsWhatIsNotAJsonNumberOrLiteral(String value) {
        assertThatThrownBy(() -> FlatJson.object("{\"a\": " + value + "}", 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not flat JSON at line 1 column 7: expected a string, number, true, false or null");
    }

    static Stream<Arguments> badObjects() {
        return Stream.of(
                Arguments.of("{\"a\": {\"b\": 1}}", "column 7: expected a string, number, true, false or null"
                        + " (objects and arrays are not taken here)"),
                Arguments.of("{\"a\": [1]}", "column 7: expected a string, number, true, false or null"
                        + " (objects and arrays are not taken here)"),
                Arguments.of("{\"a\": []}", "column 7: expected a string, number, true, false or null"
                        + " (objects and arrays are not taken here)"),
                Arguments.of("{\"a\": 1} x", "column 10: unexpected text after the object"),
                Arguments.of("{\"a\": 1}{}", "column 9: unexpected text after the object"),
                Arguments.of("{\"a\": 1},", "column 9: unexpected text after the object"),
                Arguments.of("{\"a\": \"abc", "column 11: unterminated string"),
                Arguments.of("{\"a\": \"abc\\", "column 12: unterminated string"),
                Arguments.of("{\"ab", "column 5: unterminated string"),
                Arguments.of("{\"a\": \"ab\\xc\"}", "column 11: unknown escape \\x"),
                Arguments.of("{\"a\": \"ab\\'c\"}", "column 11: unknown escape \\'"),
                Arguments.of("{\"a\": \"\\u00g1\"}", "column 10: a \\u escape needs four hex digits"),
                Arguments.of("{\"a\": \"\\u00\"}", "column 10: a \\u escape needs four hex digits"),
                Arguments.of("{\"a\": \"\\u0", "column 10: a \\u escape needs four hex digits"),
                // Integer.parseInt would take a sign or another script's digits; JSON takes ASCII hex digits only
                Arguments.of("{\"a\": \"\\u+041\"}", "column 10: a \\u escape needs four hex digits"),
                Arguments.of("{\"a\": \"\\u-041\"}", "column 10: a \\u escape needs four hex digits"),
                Arguments.of("{\"a\": \"\\u\u0661\u0662\u0663\u0664\"}",
                        "column 10: a \\u escape needs four hex digits"),
                Arguments.of("{\"a\": \"x\ty\"}", "column 9: a control character inside a string (escape it)"),
                Arguments.of("{\"a\": \"x\ny\"}", "column 9: a control character inside a string (escape it)"),
                Arguments.of("{\"a\": 1, \"a\": 2}", "column 16: field a appears twice"),
                Arguments.of("{\"a\": 1, \"b\": 2, \"a\": \"1\"}", "column 26: field a appears twice"),
                Arguments.of("{\"a\": 1,}", "column 9: expected a field name in double quotes"),
                Arguments.of("{a: 1}", "column 2: expected a field name in double quotes"),
                Arguments.of("{'a': 1}", "column 2: expected a field name in double quotes"),
                Arguments.of("{\"a\" 1}", "column 6: expected :"),
                Arguments.of("{\"a\": 1 \"b\": 2}", "column 9: expected , or } after a value"),
                Arguments.of("{\"a\": 1;}", "column 8: expected , or } after a value"),
                Arguments.of("{\"a\": 0x1F}", "column 8: expected , or } after a value"),
                Arguments.of("{\"a\": 1", "column 8: unexpected end of the JSON"),
                Arguments.of("{\"a\":", "column 6: expected a string, number, true, false or null"),
                Arguments.of("", "column 1: expected {"),
                Arguments.of("   ", "column 4: expected {"),
                Arguments.of("[]", "column 1: expected {"),
                Arguments.of("\"a\"", "column 1: expected {"),
                Arguments.of("null", "column 1: expected {"));
    }

    @ParameterizedTest
    @MethodSource("badObjects")
    void rejectsWhatIsNotOneFlatObjectNamingLineColumnAndWhy(String json, String message) {
        assertThatThrownBy(() -> FlatJson.object(json, 7))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not flat JSON at line 7 " + message);
    }

    @Test
    void readsAnArrayOfObjectsWithTheLineEachStartsOn() {
        List<FlatJson.Item> items = FlatJson.array("""
                [
                  {"dayOfWeek": 0, "start_time_local": "09:00"},

                  {"dayOfWeek": 1,
                   "start_time_local": "10:00"}, {"dayOfWeek": 2}
                ]
                """, 1);

        assertThat(items).containsExactly(
                new FlatJson.Item(2, Map.of("dayOfWeek", "0", "start_time_local", "09:00")),
                new FlatJson.Item(4, Map.of("dayOfWeek", "1", "start_time_local", "10:00")),
                new FlatJson.Item(5, Map.of("dayOfWeek", "2")));
    }

    @Test
    void anArrayCountsLinesFromTheFirstLineGiven() {
        assertThat(FlatJson.array("[\n{\"a\": 1}]", 10)).containsExactly(new FlatJson.Item(11, Map.of("a", "1")));
        assertThat(FlatJson.array(" [ ] \n", 1)).isEmpty();
        assertThat(FlatJson.array("[]", 1)).isEmpty();
    }

    static Stream<Arguments> badArrays() {
        return Stream.of(
                Arguments.of("[\n {\"a\": 1},\n {\"a\": {}}\n]", "line 3 column 8: expected a string, number, true,"
                        + " false or null (objects and arrays are not taken here)"),
                Arguments.of("[{\"a\": 1} {\"b\": 2}]", "line 1 column 11: expected , or ] after an object"),
                Arguments.of("[{\"a\": 1},]", "line 1 column 11: expected {"),
                Arguments.of("[{\"a\": 1}] x", "line 1 column 12: unexpected text after the array"),
                Arguments.of("[{\"a\": 1}][]", "line 1 column 11: unexpected text after the array"),
                Arguments.of("[{\"a\": 1}", "line 1 column 10: unexpected end of the JSON"),
                Arguments.of("[1]", "line 1 column 2: expected {"),
                Arguments.of("[[]]", "line 1 column 2: expected {"),
                Arguments.of("{\"a\": 1}", "line 1 column 1: expected ["),
                Arguments.of("[\n{\"a\": 1, \"a\": 1}]", "line 2 column 16: field a appears twice"));
    }

    @ParameterizedTest
    @MethodSource("badArrays")
    void rejectsWhatIsNotAnArrayOfFlatObjects(String json, String message) {
        assertThatThrownBy(() -> FlatJson.array(json, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not flat JSON at " + message);
    }

    @Test
    void columnsCountFromTheStartOfTheLineTheErrorIsOn() {
        assertThatThrownBy(() -> FlatJson.object("{\"a\": 1,\n   \"b\": x}", 1))
                .hasMessage("not flat JSON at line 2 column 9: expected a string, number, true, false or null");
        assertThatThrownBy(() -> FlatJson.object("{\"a\": 1,\r\n  \"b\": 2 ]", 4))
                .hasMessage("not flat JSON at line 5 column 10: expected , or } after a value");
    }
}
