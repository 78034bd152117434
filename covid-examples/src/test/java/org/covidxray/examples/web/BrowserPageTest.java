package org.covidxray.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.covidxray.engine.Models;
import org.covidxray.examples.model.Disclaimer;
import org.covidxray.examples.testing.TinyModels;
import org.covidxray.model.Classifier;
import org.covidxray.model.ModelCard;
import org.covidxray.testing.SharedData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in a real browser: Debian's headless chromium driven by its chromedriver (both given by path,
 * so that Selenium Manager never runs or downloads anything). Screenshots go to target/screenshots/.
 */
class BrowserPageTest {
    private static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");
    private static final Path SCREENSHOTS = Paths.get("target", "screenshots");

    @TempDir
    static Path dir;

    static Classifier classifier;
    static WebServer server;
    static ChromeDriver browser;

    @BeforeAll
    static void start() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        Classifier trained = Models.load(TinyModels.train(dir));
        // a card with per-source rows, as 'covid train' and 'covid experiment sources --card' write them
        ModelCard.Estimate half = new ModelCard.Estimate(0.5, 0.2, 0.8);
        ModelCard card = trained.manifest().card()
                .withTest(trained.manifest().card().testMetrics(), List.of(new ModelCard.SourceResult("mhh-covid19",
                        41, 41, 0, 0, new ModelCard.Estimate(1, 0.914, 1), ModelCard.Estimate.undefined())))
                .withSourcesLeftOut(List.of(new ModelCard.SourceResult("nih-chestxray14-adult", 0, 0, 904, 683,
                        ModelCard.Estimate.undefined(), half)));
        classifier = trained.withManifest(trained.manifest().withCard(card));
        server = new WebServer(new ImageAnalyzer(classifier, Explainer.occlusion()),
                ServerSettings.defaults().withPort(0)).start();

        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,900", "--user-data-dir=" + dir.resolve("chromium-profile"));
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (classifier != null) {
            classifier.close();
        }
    }

    @Test
    void uploadsAnXrayAndShowsTheClassAndAProbabilityPerClass() throws IOException {
        Path xray = firstImage(SharedData.require("seed-50").resolve("covid"));
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get(server.url());
        assertThat(browser.findElement(By.tagName("body")).getText()).contains(Disclaimer.TEXT);

        browser.findElement(By.id("file-input")).sendKeys(xray.toAbsolutePath().toString());
        WebElement analyze = browser.findElement(By.id("analyze-button"));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.elementToBeClickable(analyze));
        analyze.click();
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));

        String shownClass = browser.findElement(By.id("predicted-class")).getText();
        assertThat(shownClass).isEqualTo(classifier.predict(xray).predictedClass());
        List<WebElement> rows = browser.findElements(By.cssSelector("#probabilities .bar-row"));
        assertThat(rows).extracting(r -> r.findElement(By.className("bar-label")).getText())
                .containsExactlyElementsOf(TinyModels.CLASSES);
        assertThat(rows).allSatisfy(r -> assertThat(r.findElement(By.className("bar-value")).getText())
                .matches("\\d{1,3}\\.\\d%"));
        assertThat(browser.findElement(By.id("decision")).getText()).startsWith("Decision threshold");
        assertThat(browser.findElement(By.id("result-disclaimer")).getText()).isEqualTo(Disclaimer.TEXT);
        screenshot("analyze-page.png");

        browser.findElement(By.id("overlay-toggle")).click();
        new WebDriverWait(browser, Duration.ofSeconds(120))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("overlay-image")));
        assertThat(browser.findElement(By.id("preview-image")).isDisplayed()).isFalse();
        screenshot("saliency-overlay.png");
        browser.findElement(By.id("overlay-toggle")).click();
        assertThat(browser.findElement(By.id("preview-image")).isDisplayed()).isTrue();
    }

    @Test
    void showsTheServersMessageWhenTheFileIsNotAnImage() throws IOException {
        Path notAnImage = Files.writeString(dir.resolve("notes.png"), "patient,finding\n1,COVID-19\n");
        browser.manage().window().setSize(new Dimension(1280, 900));
        browser.get(server.url());
        browser.findElement(By.id("file-input")).sendKeys(notAnImage.toAbsolutePath().toString());
        browser.findElement(By.id("analyze-button")).click();
        WebElement error = new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("error")));
        String expected = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> org.covidxray.image.ImageDecoder.decode(Files.readAllBytes(notAnImage), "notes.png", 1_000_000),
                org.covidxray.image.ImageDecodeException.class).getMessage();
        assertThat(error.getText()).as("the server's own message").isEqualTo(expected).contains("notes.png");
        assertThat(browser.findElement(By.id("result")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("no-preview")).isDisplayed()).isTrue();
        assertThat(browser.findElement(By.id("preview-image")).isDisplayed()).isFalse();
        screenshot("not-an-image.png");
    }

    @Test
    void showsTheModelCardWithTrainingCurves() throws IOException {
        // tall enough that the screenshot shows the whole card, curves included
        browser.manage().window().setSize(new Dimension(1280, 2000));
        browser.get(server.url() + "model.html");
        new WebDriverWait(browser, Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#curves svg")));
        assertThat(browser.findElement(By.id("model-facts")).getText())
                .contains(classifier.manifest().modelId());
        assertThat(browser.findElements(By.cssSelector("#curves svg polyline"))).isNotEmpty();
        assertThat(browser.findElement(By.id("card-disclaimer")).getText()).startsWith(Disclaimer.TEXT);
        String bySource = browser.findElement(By.id("by-source")).getText();
        assertThat(bySource).contains("Held-out patients").contains("mhh-covid19").contains("41/41")
                .contains("Each source left out").contains("nih-chestxray14-adult").contains("221/904");
        assertThat(browser.findElement(By.id("other-card")).getText()).doesNotContain("sourcesLeftOut");
        screenshot("model-page.png");
    }

    private static Path firstImage(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.getFileName().toString().toLowerCase().endsWith(".jpg")).sorted()
                    .findFirst().orElseThrow(() -> new AssertionError("no .jpg in " + folder));
        }
    }

    private static void screenshot(String name) throws IOException {
        Files.createDirectories(SCREENSHOTS);
        Files.write(SCREENSHOTS.resolve(name), browser.getScreenshotAs(OutputType.BYTES));
    }
}
