// The analysis page: choose or drop an image, preview it, send it to /api/predict, show the answer.
// Everything the server returns is inserted as text (never as HTML).
(function () {
  "use strict";

  const el = (id) => document.getElementById(id);
  const fileInput = el("file-input");
  const dropZone = el("drop-zone");
  const analyzeButton = el("analyze-button");
  const overlayToggle = el("overlay-toggle");
  const overlayLabel = el("overlay-toggle-label");
  const overlayImage = el("overlay-image");
  const statusLine = el("status");

  let chosenFile = null;
  let maxUploadBytes = 20 * 1024 * 1024;
  let previewUrl = null;
  let previewOk = true;
  let overlayUrl = null;

  function errorMessage(body, response) {
    if (body && body.message) {
      return body.message;
    }
    return "The server answered " + response.status + " " + response.statusText + ".";
  }

  async function readError(response) {
    try {
      return errorMessage(await response.json(), response);
    } catch (e) {
      return errorMessage(null, response);
    }
  }

  function showError(message) {
    const box = el("error");
    box.textContent = message;
    box.hidden = false;
  }

  function clearResult() {
    el("error").hidden = true;
    el("result").hidden = true;
    el("result-empty").hidden = false;
    overlayToggle.checked = false;
    overlayLabel.hidden = true;
    showOverlay(false);
    if (overlayUrl) {
      URL.revokeObjectURL(overlayUrl);
      overlayUrl = null;
    }
  }

  function choose(file) {
    if (!file) {
      return;
    }
    chosenFile = file;
    clearResult();
    if (file.size > maxUploadBytes) {
      showError("This file is " + (file.size / 1048576).toFixed(1) + " MB; the server accepts up to "
        + (maxUploadBytes / 1048576).toFixed(0) + " MB. Choose a smaller image.");
    }
    if (previewUrl) {
      URL.revokeObjectURL(previewUrl);
    }
    previewUrl = URL.createObjectURL(file);
    const img = el("preview-image");
    previewOk = true;
    img.hidden = false;
    el("no-preview").hidden = true;
    img.src = previewUrl;
    el("file-name").textContent = file.name + " (" + Math.max(1, Math.round(file.size / 1024)) + " KB)";
    el("preview").hidden = false;
    analyzeButton.disabled = false;
    statusLine.textContent = "Ready: press Analyze.";
  }

  fileInput.addEventListener("change", () => choose(fileInput.files[0]));

  // Some files the server reads (16-bit PNG in some browsers, or not an image at all) cannot be previewed.
  el("preview-image").addEventListener("error", () => {
    previewOk = false;
    el("preview-image").hidden = true;
    el("no-preview").hidden = false;
  });
  el("preview-image").addEventListener("load", () => {
    previewOk = true;
    el("no-preview").hidden = true;
  });

  ["dragenter", "dragover"].forEach((type) => dropZone.addEventListener(type, (event) => {
    event.preventDefault();
    dropZone.classList.add("dragging");
  }));
  ["dragleave", "drop"].forEach((type) => dropZone.addEventListener(type, (event) => {
    event.preventDefault();
    dropZone.classList.remove("dragging");
  }));
  dropZone.addEventListener("drop", (event) => {
    const files = event.dataTransfer && event.dataTransfer.files;
    if (files && files.length > 0) {
      choose(files[0]);
    }
  });

  function formData() {
    const data = new FormData();
    data.append("image", chosenFile, chosenFile.name);
    return data;
  }

  function renderPrediction(answer) {
    el("predicted-class").textContent = answer["class"];
    const bars = el("probabilities");
    bars.replaceChildren();
    const entries = Object.entries(answer.probabilities);
    entries.forEach(([name, p]) => {
      const row = document.createElement("div");
      row.className = "bar-row" + (name === answer["class"] ? " top" : "");
      row.dataset.className = name;
      const label = document.createElement("span");
      label.className = "bar-label";
      label.textContent = name;
      label.title = name;
      const track = document.createElement("span");
      track.className = "bar-track";
      const fill = document.createElement("span");
      fill.className = "bar-fill";
      fill.style.display = "block";
      fill.style.width = (100 * p).toFixed(1) + "%";
      track.appendChild(fill);
      const value = document.createElement("span");
      value.className = "bar-value";
      value.textContent = (100 * p).toFixed(1) + "%";
      row.append(label, track, value);
      bars.appendChild(row);
    });
    // Beside the probabilities: whether the image lies within what the model was trained on, or that the
    // model cannot tell (not calibrated, or no feature vectors).
    const distribution = answer.outOfDistribution || {};
    const distributionLine = el("distribution");
    distributionLine.textContent = distribution.message || "";
    distributionLine.className = "distribution " + (distribution.status === "outside" ? "outside" : "muted");
    distributionLine.dataset.status = distribution.status || "";
    const decision = answer.decision || {};
    el("decision").textContent = "Decision threshold: " + (decision.positiveClass
      ? decision.positiveClass + " when its probability is at least " + Number(decision.threshold).toFixed(3)
        + (decision.method ? " (" + decision.method + ")" : "") + "; otherwise the most probable other class."
      : "none; the class with the highest probability is shown.");
    el("timing").textContent = "Model " + answer.modelId + ", " + answer.millis.toFixed(0) + " ms.";
    el("result-disclaimer").textContent = answer.disclaimer;
    el("result-empty").hidden = true;
    el("result").hidden = false;
    overlayLabel.hidden = false;
  }

  // The overlay is the whole X-ray with the map drawn on it, so it replaces the preview while shown.
  function showOverlay(visible) {
    overlayImage.hidden = !visible;
    el("preview-image").hidden = visible || !previewOk;
  }

  analyzeButton.addEventListener("click", async () => {
    if (!chosenFile) {
      return;
    }
    clearResult();
    analyzeButton.disabled = true;
    statusLine.textContent = "Analysing…";
    try {
      const response = await fetch("/api/predict", { method: "POST", body: formData() });
      if (!response.ok) {
        showError(await readError(response));
        statusLine.textContent = "";
        return;
      }
      renderPrediction(await response.json());
      statusLine.textContent = "Done.";
    } catch (e) {
      showError("Could not reach the server: " + e.message);
      statusLine.textContent = "";
    } finally {
      analyzeButton.disabled = false;
    }
  });

  overlayToggle.addEventListener("change", async () => {
    if (!overlayToggle.checked) {
      showOverlay(false);
      return;
    }
    if (overlayUrl) {
      showOverlay(true);
      return;
    }
    statusLine.textContent = "Computing the saliency map (this takes a few seconds)…";
    overlayToggle.disabled = true;
    try {
      const response = await fetch("/api/explain", { method: "POST", body: formData() });
      if (!response.ok) {
        showError(await readError(response));
        overlayToggle.checked = false;
        statusLine.textContent = "";
        return;
      }
      overlayUrl = URL.createObjectURL(await response.blob());
      overlayImage.src = overlayUrl;
      showOverlay(true);
      statusLine.textContent = "Saliency overlay: brighter regions changed the prediction most when covered.";
    } catch (e) {
      showError("Could not reach the server: " + e.message);
      overlayToggle.checked = false;
    } finally {
      overlayToggle.disabled = false;
    }
  });

  fetch("/api/model").then((r) => (r.ok ? r.json() : null)).then((model) => {
    if (model && model.limits) {
      maxUploadBytes = model.limits.maxUploadBytes;
      el("drop-hint").textContent = "PNG or JPEG, up to " + (maxUploadBytes / 1048576).toFixed(0)
        + " MB. The image is sent only to this server.";
    }
    if (model && model.manifest) {
      const m = model.manifest;
      el("model-summary").textContent = "Model " + m.modelId + " (" + m.backend + "), classes: "
        + m.classNames.join(", ") + ".";
    }
  }).catch(() => { /* the footer line is optional */ });
})();
