// The analysis page: choose or drop one or several images, send each to /api/predict (one at a time, so
// that a batch never takes more than one of the server's analysis slots), list the answers in a table
// that downloads as CSV, and show the selected image's probabilities, input-gate flag, what the model saw
// (/api/preview) and, on request, the saliency overlay (/api/explain).
// Everything the server returns is inserted as text (never as HTML).
(function () {
  "use strict";

  const DISCLAIMER = "Research software, not a diagnostic device.";
  const GATE_LABELS = {
    inside: "Input gate: inside the training data",
    outside: "Input gate: OUTSIDE the training data",
    not_calibrated: "Input gate: not checked (model not calibrated)",
    not_available: "Input gate: not checked (model gives no features)",
  };
  const GATE_SHORT = {
    inside: "inside", outside: "OUTSIDE", not_calibrated: "not calibrated", not_available: "not available",
  };

  const el = (id) => document.getElementById(id);
  const fileInput = el("file-input");
  const dropZone = el("drop-zone");
  const analyzeButton = el("analyze-button");
  const overlayToggle = el("overlay-toggle");
  const overlayImage = el("overlay-image");
  const modelInputImage = el("model-input-image");
  const statusLine = el("status");
  const downloadButton = el("download-csv");

  let maxUploadBytes = 20 * 1024 * 1024;
  let classNames = null; // from /api/model, else from the first answer
  let entries = [];      // one per chosen file: {file, state, answer, error, previewUrl, modelInputUrl, overlayUrl}
  let selected = -1;
  let busy = false;

  function errorMessage(body, response) {
    if (body && body.message) {
      return body.message;
    }
    return "The server answered " + response.status + " " + response.statusText + ".";
  }

  async function readError(response) {
    let body = null;
    try {
      body = await response.json();
    } catch (e) {
      body = null;
    }
    return { status: response.status, error: (body && body.error) || "http_" + response.status,
      message: errorMessage(body, response) };
  }

  function formData(file) {
    const data = new FormData();
    data.append("image", file, file.name);
    return data;
  }

  function revoke(entry) {
    ["previewUrl", "modelInputUrl", "overlayUrl"].forEach((key) => {
      if (entry[key]) {
        URL.revokeObjectURL(entry[key]);
        entry[key] = null;
      }
    });
  }

  function choose(files) {
    if (busy || !files || files.length === 0) {
      return;
    }
    entries.forEach(revoke);
    entries = Array.from(files).map((file) => ({ file: file, state: "waiting", answer: null, error: null,
      previewUrl: null, modelInputUrl: null, overlayUrl: null }));
    el("batch").hidden = false;
    renderTable();
    select(0);
    analyzeButton.disabled = false;
    const tooLarge = entries.filter((e) => e.file.size > maxUploadBytes).length;
    statusLine.textContent = (entries.length === 1 ? "1 image" : entries.length + " images") + " ready"
      + (tooLarge ? " (" + tooLarge + " larger than the server's " + (maxUploadBytes / 1048576).toFixed(0)
        + " MB limit)" : "") + ": press Analyze.";
  }

  fileInput.addEventListener("change", () => choose(fileInput.files));

  ["dragenter", "dragover"].forEach((type) => dropZone.addEventListener(type, (event) => {
    event.preventDefault();
    dropZone.classList.add("dragging");
  }));
  ["dragleave", "drop"].forEach((type) => dropZone.addEventListener(type, (event) => {
    event.preventDefault();
    dropZone.classList.remove("dragging");
  }));
  dropZone.addEventListener("drop", (event) => choose(event.dataTransfer && event.dataTransfer.files));

  // ---- the table ----

  function columns() {
    if (classNames) {
      return classNames;
    }
    const first = entries.find((e) => e.answer);
    return first ? Object.keys(first.answer.probabilities) : [];
  }

  // What the model decided: the class, or for a multi-label model the labels at their thresholds.
  function decided(answer, separator) {
    if (!answer) {
      return "";
    }
    if (answer.multiLabel) {
      return answer.labels.length ? answer.labels.join(separator) : "no label";
    }
    return answer["class"];
  }

  function cell(text, className) {
    const td = document.createElement("td");
    td.textContent = text;
    if (className) {
      td.className = className;
    }
    return td;
  }

  function renderTable() {
    const head = el("results-head");
    head.replaceChildren();
    ["File", "Predicted class"].concat(columns()).concat(["Input gate", "Status"]).forEach((name) => {
      const th = document.createElement("th");
      th.textContent = name;
      th.scope = "col";
      head.appendChild(th);
    });
    const body = el("results-body");
    body.replaceChildren();
    entries.forEach((entry, i) => body.appendChild(row(entry, i)));
    downloadButton.disabled = !entries.some((e) => e.state === "done" || e.state === "error");
  }

  function row(entry, i) {
    const tr = document.createElement("tr");
    tr.dataset.index = String(i);
    tr.dataset.state = entry.state;
    tr.className = i === selected ? "selected" : "";
    tr.appendChild(cell(entry.file.name, "file"));
    const answer = entry.answer;
    tr.appendChild(cell(decided(answer, ", "), "class"));
    columns().forEach((name) => tr.appendChild(cell(
      answer ? (100 * answer.probabilities[name]).toFixed(1) + "%" : "", "number probability")));
    const gate = answer && answer.outOfDistribution ? answer.outOfDistribution.status : "";
    tr.dataset.gate = gate;
    tr.appendChild(cell(GATE_SHORT[gate] || gate, "gate"));
    const state = entry.state === "error" ? "refused (" + entry.error.status + "): " + entry.error.message
      : entry.state === "done" ? "done" : entry.state === "analysing" ? "analysing…" : "waiting";
    tr.appendChild(cell(state, "state"));
    tr.addEventListener("click", () => select(i));
    return tr;
  }

  function refreshRow(i) {
    const body = el("results-body");
    const old = body.children[i];
    if (old) {
      body.replaceChild(row(entries[i], i), old);
    }
    downloadButton.disabled = !entries.some((e) => e.state === "done" || e.state === "error");
  }

  // ---- the selected image ----

  function select(i) {
    if (i < 0 || i >= entries.length) {
      return;
    }
    selected = i;
    Array.from(el("results-body").children).forEach((tr, j) => { tr.className = j === i ? "selected" : ""; });
    const entry = entries[i];
    if (!entry.previewUrl) {
      entry.previewUrl = URL.createObjectURL(entry.file);
    }
    const img = el("preview-image");
    img.hidden = false;
    el("no-preview").hidden = true;
    img.src = entry.previewUrl;
    el("file-name").textContent = entry.file.name + " (" + Math.max(1, Math.round(entry.file.size / 1024))
      + " KB)" + (entries.length > 1 ? ", image " + (i + 1) + " of " + entries.length : "");
    el("preview").hidden = false;
    showDetail(entry);
  }

  // Some files the server reads (DICOM, 16-bit PNG in some browsers, or not an image at all) cannot be previewed.
  el("preview-image").addEventListener("error", () => {
    el("preview-image").hidden = true;
    el("no-preview").hidden = false;
  });
  el("preview-image").addEventListener("load", () => {
    el("no-preview").hidden = true;
  });

  function showDetail(entry) {
    el("error").hidden = true;
    overlayToggle.checked = !!entry.overlayUrl && entry.overlayShown === true;
    overlayImage.hidden = !overlayToggle.checked;
    if (entry.overlayUrl) {
      overlayImage.src = entry.overlayUrl;
    } else {
      overlayImage.removeAttribute("src");
    }
    if (entry.state === "done") {
      renderPrediction(entry.answer);
      loadModelInput(entry);
    } else {
      el("result").hidden = true;
      el("result-empty").hidden = entry.state === "error";
      el("result-empty").textContent = entry.state === "analysing" ? "Analysing…"
        : "Press Analyze to send " + (entries.length > 1 ? "the images" : "the image") + " to the server.";
      if (entry.state === "error") {
        const box = el("error");
        box.textContent = entry.error.message;
        box.hidden = false;
      }
    }
  }

  function renderPrediction(answer) {
    const multi = answer.multiLabel === true;
    const decision = answer.decision || {};
    const thresholds = decision.labelThresholds || {};
    el("prediction-label").textContent = multi ? "Labels at their thresholds" : "Predicted class";
    el("predicted-class").textContent = multi ? decided(answer, ", ") : answer["class"];
    el("score-note").textContent = multi
      ? "Multi-label model: each bar is an independent score in [0, 1]; they do not add up to 100%. "
        + "The mark on a bar is that label's threshold."
      : "Probabilities of the classes (they add up to 100%).";
    const bars = el("probabilities");
    bars.setAttribute("aria-label", multi ? "Independent score per label" : "Probability per class");
    bars.replaceChildren();
    Object.entries(answer.probabilities).forEach(([name, p]) => {
      const bar = document.createElement("div");
      const present = multi && answer.labels.includes(name);
      bar.className = "bar-row" + ((multi ? present : name === answer["class"]) ? " top" : "");
      bar.dataset.className = name;
      if (multi) {
        bar.dataset.decision = present ? "present" : "absent";
      }
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
      if (multi && thresholds[name] !== undefined) {
        const mark = document.createElement("span");
        mark.className = "bar-threshold";
        mark.style.left = (100 * thresholds[name]).toFixed(1) + "%";
        mark.title = "threshold " + Number(thresholds[name]).toFixed(2);
        track.appendChild(mark);
      }
      const value = document.createElement("span");
      value.className = "bar-value";
      value.textContent = (100 * p).toFixed(1) + "%" + (multi ? (present ? " present" : " absent") : "");
      bar.append(label, track, value);
      bars.appendChild(bar);
    });
    // Beside the probabilities: the input-gate flag (is the image within what the model was trained
    // on, or can the model not tell), and below them the gate's own explanation.
    const distribution = answer.outOfDistribution || {};
    const flag = el("gate-flag");
    flag.textContent = GATE_LABELS[distribution.status] || "Input gate: " + (distribution.status || "unknown");
    flag.dataset.status = distribution.status || "";
    const distributionLine = el("distribution");
    distributionLine.textContent = distribution.message || "";
    distributionLine.className = "distribution " + (distribution.status === "outside" ? "outside" : "muted");
    distributionLine.dataset.status = distribution.status || "";
    el("decision").textContent = multi ? "Decision: " + decision.description + "."
      : "Decision threshold: " + (decision.positiveClass
      ? decision.positiveClass + " when its probability is at least " + Number(decision.threshold).toFixed(3)
        + (decision.method ? " (" + decision.method + ")" : "") + "; otherwise the most probable other class."
      : "none; the class with the highest probability is shown.");
    el("timing").textContent = "Model " + answer.modelId + ", " + answer.millis.toFixed(0) + " ms.";
    el("result-disclaimer").textContent = answer.disclaimer;
    el("result-empty").hidden = true;
    el("result").hidden = false;
  }

  // What the model saw: the server's PNG of the network input, so it works for formats browsers cannot show.
  async function loadModelInput(entry) {
    if (entry.modelInputUrl) {
      modelInputImage.src = entry.modelInputUrl;
      return;
    }
    modelInputImage.removeAttribute("src");
    el("model-input-size").textContent = "";
    try {
      const response = await fetch("/api/preview", { method: "POST", body: formData(entry.file) });
      if (!response.ok) {
        el("model-input-size").textContent = "(" + (await readError(response)).message + ")";
        return;
      }
      entry.modelInputUrl = URL.createObjectURL(await response.blob());
      if (entries[selected] === entry) {
        modelInputImage.src = entry.modelInputUrl;
      }
    } catch (e) {
      el("model-input-size").textContent = "(could not reach the server: " + e.message + ")";
    }
  }

  modelInputImage.addEventListener("load", () => {
    el("model-input-size").textContent = "(" + modelInputImage.naturalWidth + " × "
      + modelInputImage.naturalHeight + " network input)";
  });

  // ---- analysing ----

  async function analyze(entry, i) {
    entry.state = "analysing";
    refreshRow(i);
    try {
      const response = await fetch("/api/predict", { method: "POST", body: formData(entry.file) });
      if (response.ok) {
        entry.answer = await response.json();
        entry.state = "done";
      } else {
        entry.error = await readError(response);
        entry.state = "error";
      }
    } catch (e) {
      entry.error = { status: 0, error: "unreachable", message: "Could not reach the server: " + e.message };
      entry.state = "error";
    }
    if (!classNames && entry.answer) {
      classNames = Object.keys(entry.answer.probabilities);
      renderTable();
    } else {
      refreshRow(i);
    }
    if (i === selected) {
      showDetail(entry);
    }
  }

  analyzeButton.addEventListener("click", async () => {
    if (busy || entries.length === 0) {
      return;
    }
    busy = true;
    analyzeButton.disabled = true;
    fileInput.disabled = true;
    try {
      for (let i = 0; i < entries.length; i++) {
        if (entries[i].state === "done") {
          continue;
        }
        statusLine.textContent = "Analysing " + (i + 1) + " of " + entries.length + "…";
        await analyze(entries[i], i);
      }
      const done = entries.filter((e) => e.state === "done").length;
      statusLine.textContent = "Done: " + done + " of " + entries.length + " analysed"
        + (done < entries.length ? ", " + (entries.length - done) + " refused (see the table)." : ".");
    } finally {
      busy = false;
      analyzeButton.disabled = false;
      fileInput.disabled = false;
    }
  });

  // ---- the saliency overlay, beside what the model saw ----

  overlayToggle.addEventListener("change", async () => {
    const entry = entries[selected];
    if (!entry || entry.state !== "done") {
      overlayToggle.checked = false;
      return;
    }
    entry.overlayShown = overlayToggle.checked;
    if (!overlayToggle.checked) {
      overlayImage.hidden = true;
      return;
    }
    if (entry.overlayUrl) {
      overlayImage.src = entry.overlayUrl;
      overlayImage.hidden = false;
      return;
    }
    statusLine.textContent = "Computing the saliency map (this takes a few seconds)…";
    overlayToggle.disabled = true;
    try {
      const response = await fetch("/api/explain", { method: "POST", body: formData(entry.file) });
      if (!response.ok) {
        const box = el("error");
        box.textContent = (await readError(response)).message;
        box.hidden = false;
        overlayToggle.checked = false;
        entry.overlayShown = false;
        statusLine.textContent = "";
        return;
      }
      entry.overlayUrl = URL.createObjectURL(await response.blob());
      if (entries[selected] === entry) {
        overlayImage.src = entry.overlayUrl;
        overlayImage.hidden = false;
      }
      statusLine.textContent = "Saliency overlay: brighter regions changed the prediction most when covered.";
    } catch (e) {
      el("error").textContent = "Could not reach the server: " + e.message;
      el("error").hidden = false;
      overlayToggle.checked = false;
    } finally {
      overlayToggle.disabled = false;
    }
  });

  // ---- CSV ----

  // RFC 4180 quoting; text that a spreadsheet would run as a formula gets a leading apostrophe.
  function csvField(value) {
    let text = value === null || value === undefined ? "" : String(value);
    if (typeof value === "string" && /^[=+\-@\t\r]/.test(text)) {
      text = "'" + text;
    }
    return /[",\r\n]/.test(text) ? "\"" + text.replace(/"/g, "\"\"") + "\"" : text;
  }

  function csv() {
    const names = columns();
    const header = ["file", "status", "class"].concat(names.map((n) => "p_" + n))
      .concat(["input_gate", "input_gate_distance", "input_gate_threshold", "model_id", "error", "message",
        "disclaimer"]);
    const lines = [header.map(csvField).join(",")];
    entries.forEach((entry) => {
      const a = entry.answer;
      const gate = (a && a.outOfDistribution) || {};
      const fields = [entry.file.name, entry.state === "done" ? "ok" : entry.state, decided(a, "|")]
        .concat(names.map((n) => (a ? a.probabilities[n] : "")))
        .concat([gate.status || "", gate.distance === undefined ? "" : gate.distance,
          gate.threshold === undefined ? "" : gate.threshold, a ? a.modelId : "",
          entry.error ? entry.error.error : "", entry.error ? entry.error.message : "",
          a ? a.disclaimer : DISCLAIMER]);
      lines.push(fields.map(csvField).join(","));
    });
    return lines.join("\r\n") + "\r\n";
  }

  downloadButton.addEventListener("click", () => {
    const url = URL.createObjectURL(new Blob([csv()], { type: "text/csv;charset=utf-8" }));
    const link = document.createElement("a");
    link.href = url;
    link.download = "covid-xray-results.csv";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  });

  fetch("/api/model").then((r) => (r.ok ? r.json() : null)).then((model) => {
    if (model && model.limits) {
      maxUploadBytes = model.limits.maxUploadBytes;
      el("drop-hint").textContent = "PNG, JPEG or DICOM, one or several, up to "
        + (maxUploadBytes / 1048576).toFixed(0) + " MB each. The images are sent only to this server.";
    }
    if (model && model.manifest) {
      const m = model.manifest;
      classNames = m.classNames.slice();
      if (entries.length > 0) {
        renderTable();
      }
      el("model-summary").textContent = "Model " + m.modelId + " (" + m.backend + "), "
        + (m.outputKind === "sigmoid" ? "multi-label, labels: " : "classes: ") + m.classNames.join(", ") + ".";
    }
  }).catch(() => { /* the footer line and the class columns from the first answer instead */ });
})();
