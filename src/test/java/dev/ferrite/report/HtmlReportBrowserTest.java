package dev.ferrite.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ferrite.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The HTML report in a real browser: Debian's headless chromium opens the report from local files,
 * the index lists the findings, its sort buttons reorder them, and a finding page shows the marked
 * path lines, escaped hostile source text and the ownership of the function. Screenshots are kept
 * in target/html-report-screenshots/. Skipped (with a message) only when chromium is not installed.
 */
class HtmlReportBrowserTest {
    private static final Path FIXTURES = Path.of("src/test/resources/fixtures/html").toAbsolutePath();
    private static final Path OUT = Path.of("target/html-report-test").toAbsolutePath();
    private static final Path SHOTS = Path.of("target/html-report-screenshots").toAbsolutePath();

    @Test
    void reportWorksInChromium() throws Exception {
        Path chromium = HeadlessChromium.binary();
        assumeTrue(chromium != null, "chromium is not installed (apt-get install chromium): browser test of the HTML report skipped");

        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.execute(FIXTURES, new String[] {"check", "--format", "html", "-o", OUT.toString(), "alpha.c", "beta.c"},
                new PrintWriter(out), new PrintWriter(err));
        assertThat(code).as(err.toString()).isEqualTo(1);
        assertThat(OUT.resolve("index.html")).exists();

        try (HeadlessChromium browser = new HeadlessChromium(chromium)) {
            browser.open(OUT.resolve("index.html").toUri().toString());
            assertThat(browser.eval("document.getElementById('count').textContent").asText()).isEqualTo("5 findings");
            List<String> rules = column(browser, "checker");
            assertThat(rules).containsExactly("use-after-free", "leak", "leak", "double-free", "leak");
            assertThat(column(browser, "file")).containsExactly("alpha.c:18", "beta.c:10", "beta.c:10", "beta.c:13", "beta.c:14");

            browser.click("#col-cwe button");
            assertThat(column(browser, "cwe")).containsExactly("CWE-401", "CWE-401", "CWE-401", "CWE-415", "CWE-416");
            browser.click("#col-cwe button");
            assertThat(column(browser, "cwe")).containsExactly("CWE-416", "CWE-415", "CWE-401", "CWE-401", "CWE-401");
            browser.click("#col-checker button");
            assertThat(column(browser, "checker")).containsExactly("double-free", "leak", "leak", "leak", "use-after-free");
            browser.click("#col-file button");
            assertThat(column(browser, "file")).containsExactly("alpha.c:18", "beta.c:10", "beta.c:10", "beta.c:13", "beta.c:14");
            browser.screenshot(SHOTS.resolve("index.png"));

            // follow the link of the use after free, as a user would
            browser.click("#findings tbody tr:first-child td.message a");
            String href = browser.awaitLocation("/finding-1.html");
            assertThat(href).endsWith("/finding-1.html");
            browser.open(href); // waits for the load
            assertThat(browser.eval("document.getElementById('message').textContent").asText())
                    .isEqualTo("write to 'buf' after it was freed");
            assertThat(browser.eval("document.getElementById('cwe').textContent").asText()).isEqualTo("CWE-416");
            // the path's lines are marked, each with its note under it
            assertThat(texts(browser, "tr.event td.ln")).containsExactly("13", "17");
            assertThat(texts(browser, "tr.finding td.ln")).containsExactly("18");
            assertThat(texts(browser, "tr.note td:last-child")).containsExactly("1allocated here by 'malloc'",
                    "2freed here by 'free'", "3written here", "4warning: write to 'buf' after it was freed");
            assertThat(browser.eval("document.querySelector('tr.finding td.code').textContent").asText())
                    .isEqualTo("\tbuf[0] = *\"<b>bold</b>\";\t/* use after free */");
            // hostile source text stays text: no element, no script, no handler came from it
            assertThat(browser.eval("document.querySelectorAll('script, img, b').length").asInt()).isZero();
            assertThat(browser.eval("document.title").asText()).doesNotContain("pwned");
            assertThat(browser.eval("document.body.hasAttribute('data-pwned')").asBoolean()).isFalse();
            String ownership = browser.eval("document.getElementById('ownership').textContent").asText();
            assertThat(ownership).contains("fn alpha() -> ").contains("fn consume(p: Box<char>)");
            browser.screenshot(SHOTS.resolve("finding-1.png"));

            browser.open(OUT.resolve("finding-4.html").toUri().toString());
            assertThat(texts(browser, "tr.event td.ln")).containsExactly("6", "11");
            assertThat(texts(browser, "tr.finding td.ln")).containsExactly("13");
            browser.screenshot(SHOTS.resolve("finding-4.png"));
        }
        assertThat(Files.size(SHOTS.resolve("index.png"))).isGreaterThan(1000);
    }

    private static List<String> column(HeadlessChromium b, String cls) throws Exception {
        return texts(b, "#findings tbody td." + cls);
    }

    private static List<String> texts(HeadlessChromium b, String selector) throws Exception {
        JsonNode v = b.eval("Array.from(document.querySelectorAll(" + new com.fasterxml.jackson.databind.ObjectMapper()
                .writeValueAsString(selector) + ")).map(function(e){return e.textContent;})");
        List<String> out = new ArrayList<>();
        v.forEach(n -> out.add(n.asText()));
        return out;
    }
}
