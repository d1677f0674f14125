package org.mlx4j.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;

/**
 * The page in headless Chromium (Debian's {@code chromium} and {@code chromium-driver}): a chat answer streams in
 * token by token with its tokens/s, and the search box lists the nearest corpus lines. The screenshot after the
 * streamed answer is kept as {@code target/page-after-streamed-answer.png}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "mlx4j.model=../models/kjv-llama", "mlx4j.max-concurrency=4", "mlx4j.max-queue=2", "mlx4j.max-tokens=200",
        "mlx4j.retry-after=2s"})
@Import(TestEmbeddings.class)
class PageBrowserTest {
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @LocalServerPort int port;
    ChromeDriver browser;

    @BeforeEach
    void open() {
        assumeTrue(Files.isExecutable(CHROMEDRIVER) && Files.isExecutable(CHROMIUM),
                "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver; .ci/run installs them)");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toString())
                .addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--window-size=900,900");
        browser = new ChromeDriver(new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build(), options);
        browser.get("http://localhost:" + port + "/");
    }

    @AfterEach
    void close() {
        if (browser != null) browser.quit();
    }

    @Test
    void theChatBoxStreamsAnAnswerWithTokensPerSecond() throws Exception {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(60));
        wait.until(d -> d.findElement(By.id("model")).getText().contains("kjv-llama"));
        WebElement prompt = browser.findElement(By.id("prompt"));
        prompt.clear();
        prompt.sendKeys("And the LORD said unto Moses");
        browser.findElement(By.id("send")).click();
        // the answer grows while the stream is open: seen non-empty before [DONE]
        wait.until(d -> !d.findElement(By.id("answer")).getText().isEmpty());
        wait.until(d -> "true".equals(d.findElement(By.id("stats")).getDomAttribute("data-done")));
        String stats = browser.findElement(By.id("stats")).getText();
        assertThat(stats).matches("first token after \\d+ ms, \\d+ tokens, [0-9.]+ tokens/s");
        assertThat(browser.findElement(By.id("answer")).getText()).isNotBlank();
        Path shot = Path.of("target/page-after-streamed-answer.png");
        Files.copy(browser.getScreenshotAs(OutputType.FILE).toPath(), shot, StandardCopyOption.REPLACE_EXISTING);
        assertThat(Files.size(shot)).isGreaterThan(1000);
    }

    @Test
    void theSearchBoxListsTheNearestLinesFirst() {
        WebElement query = browser.findElement(By.id("query"));
        query.clear();
        query.sendKeys("the LORD is my shepherd");
        browser.findElement(By.id("search")).click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(d -> d.findElements(By.cssSelector("#hits li")).size() == 5);
        List<WebElement> hits = browser.findElements(By.cssSelector("#hits li"));
        assertThat(hits.get(0).getText()).startsWith("The LORD is my shepherd; I shall not want.");
    }
}
