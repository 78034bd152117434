package org.covidxray.examples.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.covidxray.engine.Models;
import org.covidxray.examples.model.Disclaimer;
import org.covidxray.examples.testing.MultiLabelModels;
import org.covidxray.examples.testing.TinyModels;
import org.covidxray.testing.FunctionClassifier;
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
    static void start() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "skipped: needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)");
        Classifier trained = Models.load(TinyModels.train(dir));
        // a card with per-source rows, as 'covid train' and 'covid experiment sources --card' write them
        ModelCard.Estimate half = new ModelCard.Estimate(0.5, 0.2, 0.8);
        ModelCard card = trained.manifest().card()
                .withTest(trained.manifest().card().testMetrics(), List.of(new ModelCard.SourceResult("mhh-covid19",
                        41, 41, 0, 0, new ModelCard.Estimate(1, 0.914, 1), ModelCard.Estimate.undefined())))
                .withSourcesLeftOut(List.of(new ModelCard.SourceResult("nih-chestxray14-adult", 0, 0, 904, 683,
                        ModelCard.Estimate.undefined(), half)))
                .withSourcesCrossValidated(List.of(new ModelCard.SourceResult("cohen-covid-chestxray-2020-07", 21, 15,
                        39, 15, new ModelCard.Estimate(0.714, 0.5, 0.862), new ModelCard.Estimate(0.615, 0.459, 0.751))));
        classifier = trained.withManifest(trained.manifest().withCard(card));
        server = new WebServer(new ImageAnalyzer(classifier, Explainer.occlusion()),
                ServerSettings.defaults().withPort(0)).start();

        Files.createDirectories(downloads());
        System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        // downloads (the results CSV) go to a folder of the test, without asking
        options.setExperimentalOption("prefs", Map.of("download.default_directory", downloads().toString(),
                "download.prompt_for_download", false, "download.directory_upgrade", true));
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

        analyse(xray);

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

        // what the model saw (the server's PNG of the network input), then the saliency overlay beside it
        waitForModelInput();
        browser.findElement(By.id("overlay-toggle")).click();
        WebElement overlay = new WebDriverWait(browser, Duration.ofSeconds(120))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("overlay-image")));
        WebElement modelInput = browser.findElement(By.id("model-input-image"));
        assertThat(modelInput.isDisplayed()).isTrue();
        assertThat(overlay.getLocation().getX()).as("the overlay is to the right of what the model saw")
                .isGreaterThanOrEqualTo(modelInput.getLocation().getX() + modelInput.getSize().getWidth());
        assertThat(Math.abs(overlay.getLocation().getY() - modelInput.getLocation().getY())).isLessThan(5);
        assertThat(browser.findElement(By.id("preview-image")).isDisplayed()).isTrue();
        screenshot("saliency-overlay.png");
        browser.findElement(By.id("overlay-toggle")).click();
        assertThat(overlay.isDisplayed()).isFalse();
    }

    @Test
    void showsAMultiLabelModelsIndependentScoresAndPerLabelDecisions() throws IOException {
        Path xray = firstImage(SharedData.require("seed-50").resolve("covid"));
        try (FunctionClassifier multi = MultiLabelModels.fixedScores();
             WebServer own = new WebServer(new ImageAnalyzer(multi, Explainer.unavailable()),
                     ServerSettings.defaults().withPort(0)).start()) {
            browser.get(own.url());
            analyse(xray);
            assertThat(browser.findElement(By.id("prediction-label")).getText()).isEqualTo("Labels at their thresholds");
            assertThat(browser.findElement(By.id("predicted-class")).getText()).isEqualTo("Atelectasis");
            List<WebElement> rows = browser.findElements(By.cssSelector("#probabilities .bar-row"));
            assertThat(rows).extracting(r -> r.getAttribute("data-decision"))
                    .containsExactly("present", "absent", "absent");
            assertThat(rows).extracting(r -> r.findElement(By.className("bar-value")).getText())
                    .containsExactly("80.0% present", "30.0% absent", "60.0% absent");
            assertThat(rows).allSatisfy(r -> assertThat(r.findElements(By.className("bar-threshold"))).hasSize(1));
            String page = browser.findElement(By.id("result")).getText();
            assertThat(page).contains("do not add up to 100%").doesNotContain("add up to 100%)")
                    .doesNotContain("Decision threshold");
            assertThat(browser.findElement(By.id("decision")).getText()).contains("each label on its own");
            assertThat(browser.findElement(By.id("result-disclaimer")).getText()).isEqualTo(Disclaimer.TEXT);
            assertThat(browser.findElement(By.cssSelector("#results-body tr td.class")).getText()).isEqualTo("Atelectasis");
            screenshot("multi-label.png");
        }
    }

    @Test
    void analysesSeveralRealImagesIntoATableThatDownloadsAsCsv() throws IOException {
        List<Path> files = new ArrayList<>(List.of(
                firstImage(SharedData.require("seed-50").resolve("covid")),
                firstImage(SharedData.require("seed-50").resolve("normal")),
                firstImage(SharedData.require("nih-chestxray14-adult").resolve("images")),
                TinyModels.image(dir, 1),
                Files.writeString(dir.resolve("table.png"), "patient,finding\n1,COVID-19\n")));
        ImageAnalyzer expected = new ImageAnalyzer(classifier, null);
        browser.manage().window().setSize(new Dimension(1280, 1400));
        browser.get(server.url());
        assertThat(browser.findElement(By.id("file-input")).getAttribute("accept")).contains(".dcm");

        browser.findElement(By.id("file-input")).sendKeys(String.join("\n",
                files.stream().map(p -> p.toAbsolutePath().toString()).toList()));
        browser.findElement(By.id("analyze-button")).click();
        new WebDriverWait(browser, Duration.ofSeconds(120)).until(ExpectedConditions.textMatches(By.id("status"),
                java.util.regex.Pattern.compile("^Done: 4 of 5 analysed")));

        List<WebElement> rows = browser.findElements(By.cssSelector("#results-body tr"));
        assertThat(rows).hasSize(files.size());
        List<String> header = browser.findElements(By.cssSelector("#results-head th")).stream()
                .map(WebElement::getText).toList();
        assertThat(header).containsExactlyElementsOf(concat(List.of("File", "Predicted class"),
                TinyModels.CLASSES, List.of("Input gate", "Status")));
        Map<String, PredictionResponse> answers = new HashMap<>();
        for (int i = 0; i < 4; i++) {
            Path file = files.get(i);
            PredictionResponse answer = expected.predict(Files.readAllBytes(file), file.getFileName().toString());
            answers.put(file.getFileName().toString(), answer);
            List<String> cells = rows.get(i).findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
            assertThat(cells.get(0)).isEqualTo(file.getFileName().toString());
            assertThat(cells.get(1)).isEqualTo(answer.predictedClass());
            for (int c = 0; c < TinyModels.CLASSES.size(); c++) {
                assertThat(cells.get(2 + c)).isEqualTo(String.format(Locale.ROOT, "%.1f%%",
                        100 * answer.probabilities().get(TinyModels.CLASSES.get(c))));
            }
            assertThat(cells.get(5)).as(file.toString())
                    .isEqualTo(gateShort(answer.outOfDistribution().get("status").toString()));
            assertThat(cells.get(6)).isEqualTo("done");
        }
        assertThat(answers.values()).extracting(a -> a.outOfDistribution().get("status"))
                .as("real adult films and a training-like image: both verdicts appear").contains("inside", "outside");
        String refused = rows.get(4).findElement(By.className("state")).getText();
        assertThat(refused).startsWith("refused (415): ").contains("table.png");
        assertThat(browser.findElement(By.id("results-caption")).getText()).startsWith(Disclaimer.TEXT);
        screenshot("batch-table.png");

        // the CSV: a row per file, the same numbers as the server, the disclaimer on every row
        browser.findElement(By.id("download-csv")).click();
        Path csv = downloads().resolve("covid-xray-results.csv");
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(d -> Files.isRegularFile(csv)
                && !Files.exists(downloads().resolve("covid-xray-results.csv.crdownload")));
        List<CSVRecord> records;
        try (CSVParser parser = CSVParser.parse(csv, StandardCharsets.UTF_8,
                CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).build())) {
            assertThat(parser.getHeaderNames()).containsExactlyElementsOf(concat(List.of("file", "status", "class"),
                    TinyModels.CLASSES.stream().map(c -> "p_" + c).toList(), List.of("input_gate",
                    "input_gate_distance", "input_gate_threshold", "model_id", "error", "message", "disclaimer")));
            records = parser.getRecords();
        }
        assertThat(records).hasSize(files.size());
        for (CSVRecord record : records.subList(0, 4)) {
            PredictionResponse answer = answers.get(record.get("file"));
            assertThat(answer).as(record.get("file")).isNotNull();
            assertThat(record.get("status")).isEqualTo("ok");
            assertThat(record.get("class")).isEqualTo(answer.predictedClass());
            for (String c : TinyModels.CLASSES) {
                assertThat(Double.parseDouble(record.get("p_" + c))).isCloseTo(answer.probabilities().get(c),
                        org.assertj.core.data.Offset.offset(1e-12));
            }
            assertThat(record.get("input_gate")).isEqualTo(answer.outOfDistribution().get("status"));
            assertThat(Double.parseDouble(record.get("input_gate_distance")))
                    .isCloseTo((Double) answer.outOfDistribution().get("distance"), org.assertj.core.data.Offset.offset(1e-9));
            assertThat(record.get("model_id")).isEqualTo(classifier.manifest().modelId());
            assertThat(record.get("disclaimer")).isEqualTo(Disclaimer.TEXT);
        }
        CSVRecord bad = records.get(4);
        assertThat(bad.get("file")).isEqualTo("table.png");
        assertThat(bad.get("status")).isEqualTo("error");
        assertThat(bad.get("error")).isEqualTo("unsupported_image");
        assertThat(bad.get("message")).contains("table.png");
        assertThat(bad.get("disclaimer")).isEqualTo(Disclaimer.TEXT);

        // selecting a row shows that image: what the model saw, and the input-gate flag beside the probabilities
        for (int i : new int[] {2, 3}) {
            PredictionResponse answer = answers.get(files.get(i).getFileName().toString());
            browser.findElements(By.cssSelector("#results-body tr")).get(i).click();
            new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.textToBe(
                    By.id("predicted-class"), answer.predictedClass()));
            waitForModelInput();
            String status = answer.outOfDistribution().get("status").toString();
            WebElement flag = browser.findElement(By.id("gate-flag"));
            assertThat(flag.getText()).isEqualTo(gateLabel(status));
            assertThat(flag.getAttribute("data-status")).isEqualTo(status);
            WebElement bars = browser.findElement(By.id("probabilities"));
            assertThat(flag.getLocation().getX()).as("the flag is beside the probabilities")
                    .isGreaterThanOrEqualTo(bars.getLocation().getX() + bars.getSize().getWidth());
            assertThat(flag.getLocation().getY()).isBetween(bars.getLocation().getY() - 5,
                    bars.getLocation().getY() + bars.getSize().getHeight());
            assertThat(browser.findElement(By.id("distribution")).getText())
                    .isEqualTo(answer.outOfDistribution().get("message"));
            screenshot("batch-row-" + status + ".png");
        }
        // a refused row shows the server's message
        browser.findElements(By.cssSelector("#results-body tr")).get(4).click();
        assertThat(browser.findElement(By.id("error")).getText()).contains("table.png");
        assertThat(browser.findElement(By.id("result")).isDisplayed()).isFalse();
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
                .contains("Each source left out").contains("nih-chestxray14-adult").contains("221/904")
                .contains("cross-validated over patient folds").contains("cohen-covid-chestxray-2020-07")
                .contains("24/39");
        assertThat(browser.findElement(By.id("other-card")).getText()).doesNotContain("sourcesLeftOut")
                .doesNotContain("sourcesCrossValidated");
        screenshot("model-page.png");
    }

    /** Waits until "what the model saw" has loaded the server's PNG, the size of the network input. */
    /** Chooses one image on the page, presses Analyze and waits for its result. */
    private static void analyse(Path xray) {
        browser.findElement(By.id("file-input")).sendKeys(xray.toAbsolutePath().toString());
        WebElement analyze = browser.findElement(By.id("analyze-button"));
        new WebDriverWait(browser, Duration.ofSeconds(30)).until(ExpectedConditions.elementToBeClickable(analyze));
        analyze.click();
        new WebDriverWait(browser, Duration.ofSeconds(60))
                .until(ExpectedConditions.visibilityOfElementLocated(By.id("result")));
    }

    private static void waitForModelInput() {
        int size = classifier.preprocessing().imageSize();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(d -> {
            Object width = browser.executeScript("const i = document.getElementById('model-input-image');"
                    + " return i.complete && i.getAttribute('src') ? i.naturalWidth : -1;");
            return width instanceof Number n && n.intValue() == size;
        });
        assertThat(browser.findElement(By.id("model-input-size")).getText())
                .isEqualTo("(" + size + " × " + size + " network input)");
    }

    private static String gateShort(String status) {
        return switch (status) {
            case "inside" -> "inside";
            case "outside" -> "OUTSIDE";
            case "not_calibrated" -> "not calibrated";
            default -> "not available";
        };
    }

    private static String gateLabel(String status) {
        return switch (status) {
            case "inside" -> "Input gate: inside the training data";
            case "outside" -> "Input gate: OUTSIDE the training data";
            case "not_calibrated" -> "Input gate: not checked (model not calibrated)";
            default -> "Input gate: not checked (model gives no features)";
        };
    }

    @SafeVarargs
    private static List<String> concat(List<String>... parts) {
        List<String> all = new ArrayList<>();
        for (List<String> part : parts) {
            all.addAll(part);
        }
        return all;
    }

    private static Path downloads() {
        return dir.resolve("downloads");
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
