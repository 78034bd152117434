// The model card page: everything comes from GET /api/model and is inserted as text, never as HTML.
(function () {
  "use strict";

  const el = (id) => document.getElementById(id);

  function fmt(value) {
    if (value === null || value === undefined || (typeof value === "number" && isNaN(value))) {
      return "n/a";
    }
    if (typeof value === "number") {
      return Number.isInteger(value) ? String(value) : value.toFixed(3);
    }
    return String(value);
  }

  function metric(value) {
    return typeof value === "number" && isFinite(value) ? value.toFixed(3) : describe(value);
  }

  function isInterval(v) {
    return v && typeof v === "object" && "value" in v && "low" in v && "high" in v;
  }

  function describe(value) {
    if (isInterval(value)) {
      return metric(value.value) + " [" + metric(value.low) + ", " + metric(value.high) + "]";
    }
    if (Array.isArray(value)) {
      return value.map(describe).join("; ");
    }
    if (value && typeof value === "object") {
      return Object.entries(value).map(([k, v]) => k + ": " + describe(v)).join(", ");
    }
    return fmt(value);
  }

  function fact(list, name, value) {
    const dt = document.createElement("dt");
    dt.textContent = name;
    const dd = document.createElement("dd");
    dd.textContent = typeof value === "string" ? value : describe(value);
    list.append(dt, dd);
  }

  function counts(map) {
    if (!map) {
      return "n/a";
    }
    return Object.entries(map).map(([k, v]) => k + " " + v).join(", ");
  }

  function rate(successes, trials, estimate) {
    return trials === 0 ? "n/a" : successes + "/" + trials + " = " + describe(estimate);
  }

  function sourceTable(container, title, rows) {
    if (!rows || rows.length === 0) {
      return;
    }
    const heading = document.createElement("h3");
    heading.textContent = title;
    const table = document.createElement("table");
    table.className = "by-source";
    const head = table.createTHead().insertRow();
    ["source", "sensitivity", "specificity"].forEach((t) => {
      const th = document.createElement("th");
      th.textContent = t;
      head.appendChild(th);
    });
    const body = table.createTBody();
    rows.forEach((r) => {
      const row = body.insertRow();
      [r.source, rate(r.truePositives, r.positives, r.sensitivity),
        rate(r.negatives - r.falsePositives, r.negatives, r.specificity)].forEach((t) => {
        row.insertCell().textContent = t;
      });
    });
    container.append(heading, table);
  }

  function renderCurves(history) {
    const box = el("curves");
    box.replaceChildren();
    if (!history || !history.epochs || history.epochs.length === 0) {
      box.textContent = "This model carries no training history.";
      return;
    }
    const epochs = history.epochs;
    const charts = [
      { title: "Loss", series: [["trainLoss", "training", "#1f5fa8"], ["validationLoss", "validation", "#d9822b"]] },
      { title: "Accuracy", unit: true, series: [["trainAccuracy", "training", "#1f5fa8"], ["validationAccuracy", "validation", "#d9822b"]] },
      { title: "Validation AUC", unit: true, series: [["validationAuc", "validation", "#2e8540"]] }
    ];
    charts.forEach((chart) => box.appendChild(lineChart(chart, epochs, history.bestEpoch)));
    const note = document.createElement("p");
    note.className = "muted small";
    note.textContent = "Kept epoch: " + history.bestEpoch + " (" + history.stopReason + "), marked by the dashed line.";
    box.appendChild(note);
  }

  const SVG = "http://www.w3.org/2000/svg";

  function svgEl(name, attrs) {
    const node = document.createElementNS(SVG, name);
    Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
    return node;
  }

  function lineChart(chart, epochs, bestEpoch) {
    const W = 320, H = 200, L = 42, R = 10, T = 10, B = 28;
    const xs = epochs.map((e) => e.epoch);
    const values = [];
    chart.series.forEach(([key]) => epochs.forEach((e) => {
      if (typeof e[key] === "number" && isFinite(e[key])) {
        values.push(e[key]);
      }
    }));
    const figure = document.createElement("figure");
    const caption = document.createElement("figcaption");
    caption.textContent = chart.title;
    figure.appendChild(caption);
    const svg = svgEl("svg", { viewBox: "0 0 " + W + " " + H, role: "img", "aria-label": chart.title + " per epoch" });
    if (values.length === 0) {
      const t = svgEl("text", { x: W / 2, y: H / 2, "text-anchor": "middle", "font-size": 12, fill: "#5b6878" });
      t.textContent = "no values (no validation split?)";
      svg.appendChild(t);
      figure.appendChild(svg);
      return figure;
    }
    let lo = Math.min(...values), hi = Math.max(...values);
    if (hi - lo < 1e-9) { lo -= 0.5; hi += 0.5; }
    const pad = (hi - lo) * 0.08; lo -= pad; hi += pad;
    if (chart.unit) {
      // accuracy and AUC live in [0, 1]: never draw an axis beyond it
      lo = Math.max(0, lo);
      hi = Math.min(1, hi);
    }
    const x0 = Math.min(...xs), x1 = Math.max(...xs);
    const sx = (x) => L + (x1 === x0 ? (W - L - R) / 2 : (x - x0) / (x1 - x0) * (W - L - R));
    const sy = (y) => T + (hi - y) / (hi - lo) * (H - T - B);
    svg.appendChild(svgEl("line", { x1: L, y1: H - B, x2: W - R, y2: H - B, stroke: "#9aa8b8" }));
    svg.appendChild(svgEl("line", { x1: L, y1: T, x2: L, y2: H - B, stroke: "#9aa8b8" }));
    for (let i = 0; i <= 4; i++) {
      const v = lo + (hi - lo) * i / 4;
      const y = sy(v);
      svg.appendChild(svgEl("line", { x1: L, y1: y, x2: W - R, y2: y, stroke: "#e3e8ee" }));
      const label = svgEl("text", { x: L - 4, y: y + 4, "text-anchor": "end", "font-size": 10, fill: "#5b6878" });
      label.textContent = v.toFixed(2);
      svg.appendChild(label);
    }
    const step = Math.max(1, Math.ceil(xs.length / 8));
    xs.forEach((x, i) => {
      if (i % step === 0 || i === xs.length - 1) {
        const label = svgEl("text", { x: sx(x), y: H - B + 14, "text-anchor": "middle", "font-size": 10, fill: "#5b6878" });
        label.textContent = x;
        svg.appendChild(label);
      }
    });
    const axis = svgEl("text", { x: (L + W - R) / 2, y: H - 2, "text-anchor": "middle", "font-size": 10, fill: "#5b6878" });
    axis.textContent = "epoch";
    svg.appendChild(axis);
    if (bestEpoch >= x0 && bestEpoch <= x1) {
      svg.appendChild(svgEl("line", { x1: sx(bestEpoch), y1: T, x2: sx(bestEpoch), y2: H - B,
        stroke: "#5b6878", "stroke-dasharray": "4 3" }));
    }
    const legend = document.createElement("div");
    legend.className = "legend";
    chart.series.forEach(([key, name, color]) => {
      const points = epochs.filter((e) => typeof e[key] === "number" && isFinite(e[key]))
        .map((e) => sx(e.epoch).toFixed(1) + "," + sy(e[key]).toFixed(1));
      if (points.length === 0) {
        return;
      }
      svg.appendChild(svgEl("polyline", { points: points.join(" "), fill: "none", stroke: color, "stroke-width": 2 }));
      points.forEach((p) => {
        const [cx, cy] = p.split(",");
        svg.appendChild(svgEl("circle", { cx: cx, cy: cy, r: 2.5, fill: color }));
      });
      const swatch = document.createElement("span");
      swatch.className = "swatch";
      swatch.style.background = color;
      legend.append(swatch, document.createTextNode(name));
    });
    figure.append(svg, legend);
    return figure;
  }

  function renderList(container, title, value) {
    if (value === undefined || value === null) {
      return;
    }
    const h = document.createElement("h3");
    h.textContent = title;
    h.className = "small";
    container.appendChild(h);
    if (Array.isArray(value)) {
      const ul = document.createElement("ul");
      ul.className = "plain";
      value.forEach((item) => {
        const li = document.createElement("li");
        li.textContent = describe(item);
        ul.appendChild(li);
      });
      container.appendChild(ul);
    } else {
      const p = document.createElement("p");
      p.textContent = describe(value);
      container.appendChild(p);
    }
  }

  function render(model) {
    const m = model.manifest;
    const card = m.card || {};
    const facts = el("model-facts");
    fact(facts, "Model id", m.modelId);
    fact(facts, "Backend", m.backend + " (" + fmt(m.backendVersion) + ")");
    fact(facts, "Created", fmt(m.createdAt) + " with covid-xray " + fmt(m.libraryVersion));
    if (m.architecture) {
      fact(facts, "Architecture", m.architecture.name + ", blocks " + m.architecture.widths.join("/")
        + ", dropout " + m.architecture.dropout);
    }
    fact(facts, "Classes", m.classNames.join(", "));
    const p = m.preprocessing;
    fact(facts, "Input", p.imageSize + "×" + p.imageSize + " gray, " + (p.centerCrop ? "centre crop" : "stretched")
      + (p.equalizeHistogram ? ", histogram equalised" : "")
      + (p.borderMask > 0 ? ", outer " + Math.round(p.borderMask * 100) + "% of each edge blanked" : ""));
    fact(facts, "Decision", model.decision.description);
    const gate = model.inputGate || {};
    const calibration = m.inputGate;
    fact(facts, "Training-data check", gate.distributionCheck === "calibrated" && calibration
      ? "calibrated on " + calibration.images + " validation images: images whose feature distance exceeds "
        + Number(calibration.threshold).toFixed(3) + " (the " + calibration.percentile
        + "th percentile of theirs) are flagged as outside what this model was trained on"
      : gate.distributionCheck === "not_available"
        ? "not available for this model (it gives no feature vectors): images far from its training data are not flagged"
        : "not calibrated: images far from its training data are not flagged");

    const training = el("training-facts");
    const prov = m.provenance;
    if (prov) {
      fact(training, "Data set", prov.datasetName + " (" + prov.datasetFingerprint + ")");
      fact(training, "Training images", counts(prov.trainCounts) + " (" + prov.trainPatients + " patients)");
      fact(training, "Validation images", counts(prov.validationCounts) + " (" + prov.validationPatients + " patients)");
      if (prov.config) {
        const c = prov.config;
        fact(training, "Settings", c.epochs + " epochs, batch " + c.batchSize + ", " + c.optimizer + " lr "
          + c.learningRate + ", seed " + c.seed + ", class weights " + String(c.classWeighting).toLowerCase()
          + (c.augmentation ? ", augmentation" : ", no augmentation")
          + (c.sampling ? ", sampling " + String(c.sampling).toLowerCase().replace("_", "-") : "")
          + (c.adversarialWeight > 0 ? ", source-adversarial weight " + c.adversarialWeight : ""));
      }
    } else {
      fact(training, "Provenance", "none (an imported model)");
    }
    if (card.data) {
      fact(training, "Sources", card.data);
    }

    const metrics = el("metrics");
    if (prov && prov.validationMetrics) {
      Object.entries(prov.validationMetrics).forEach(([k, v]) => fact(metrics, "validation " + k, metric(v)));
    }
    if (card.testMetrics) {
      Object.entries(card.testMetrics).forEach(([k, v]) => fact(metrics, "test " + k,
        typeof v === "number" && !Number.isInteger(v) ? metric(v) : v));
    }
    if (!metrics.firstChild) {
      fact(metrics, "Metrics", "none recorded");
    }

    const bySource = el("by-source");
    sourceTable(bySource, "Held-out patients of the test part", card.testBySource);
    sourceTable(bySource, "Each source left out of training (same recipe, other training runs)", card.sourcesLeftOut);
    sourceTable(bySource, "Every source cross-validated over patient folds (same recipe, other training runs)",
      card.sourcesCrossValidated);
    if (!bySource.firstChild) {
      bySource.textContent = "This model's card has no results by source.";
    }

    renderCurves(prov && prov.history);

    const lim = el("limitations");
    renderList(lim, "Limitations", card.limitations);
    renderList(lim, "Intended use", card.intendedUse);
    if (!lim.firstChild) {
      const none = document.createElement("p");
      none.textContent = "This model's card lists no limitations. That does not mean it has none: it was "
        + "trained on public data sets whose sources, ages and scanners differ between classes.";
      lim.appendChild(none);
    }
    el("card-disclaimer").textContent = model.disclaimer;

    const other = el("other-card");
    const shown = new Set(["limitations", "intendedUse", "testMetrics", "data", "extra", "testBySource",
      "sourcesLeftOut", "sourcesCrossValidated"]);
    Object.entries(card).filter(([k]) => !shown.has(k)).forEach(([k, v]) => fact(other, k, v));
    Object.entries(card.extra || {}).forEach(([k, v]) => fact(other, k, v));
    if (!other.firstChild) {
      other.closest("section").hidden = true;
    }
  }

  fetch("/api/model")
    .then((r) => (r.ok ? r.json() : r.json().then((b) => Promise.reject(new Error(b.message)))))
    .then(render)
    .catch((e) => {
      const box = el("card-error");
      box.textContent = "Could not load the model card: " + e.message;
      box.hidden = false;
    });
})();
