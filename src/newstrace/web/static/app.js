// newstrace UI: highlight toggles and the record panel on the article page. No network, no innerHTML with data.
(function () {
  "use strict";
  var LABELS = {
    entity: [["Type", "type"], ["Roles", "roles"], ["Actor code", "actor_code"], ["Affiliation", "affiliation"],
             ["Aliases", "aliases"], ["Mentions", "mentions"]],
    event: [["Actors", "actors"], ["Recipients", "recipients"], ["Mode", "mode"], ["Factuality", "factuality"],
            ["Date", "date"], ["Location", "location"], ["CAMEO", "cameo"], ["Reported by", "reported_by"], ["Sentence", "sentence"]],
    figure: [["Measure", "measure"], ["Counted", "counted"], ["Claimed by", "claimed_by"], ["As of", "as_of"],
             ["Qualifier", "qualifier"], ["Sentence", "sentence"]],
    quote: [["Speaker", "speaker"], ["As written", "speaker_text"], ["Cue", "cue"], ["Direct", "direct"], ["Content", "content"]]
  };
  var PAGES = { entity: "/entities/", event: "/events/", figure: "/figures/", quote: "/quotes/" };

  function show(value) {
    if (value === null || value === undefined || value === "") return "—";
    if (Array.isArray(value)) return value.length ? value.map(show).join(", ") : "—";
    if (typeof value === "object") {
      if ("name" in value) return value.name;
      if ("value" in value) {
        if (typeof value.value === "object" && value.value) return value.value.start + " to " + value.value.end;
        // a duration ("P40Y") reads as it was written ("40 years"), not as its ISO code
        if (typeof value.value === "string" && /^P(?=\d|T\d)/.test(value.value)) return "“" + (value.text || value.value) + "” (a span of time)";
        return String(value.value || value.text || "—");
      }
      if ("text" in value) return value.text;
      if ("span" in value) return value.span.text;
      return JSON.stringify(value);
    }
    return String(value);
  }

  function title(kind, r) {
    if (kind === "entity") return r.name;
    if (kind === "event") return r.type + (r.trigger ? " · " + r.trigger.text : "");
    if (kind === "figure") return (r.value !== null && r.value !== undefined ? Number(r.value).toLocaleString("en") : "?") + " " + (r.measure || "");
    if (kind === "quote") return (r.speaker && r.speaker.name) || r.speaker_text || "Unattributed quote";
    return r.id;
  }

  function openPanel(records, mark) {
    var panel = document.getElementById("panel");
    var kind = mark.getAttribute("data-kind"), id = mark.getAttribute("data-id");
    var record = records[id];
    if (!panel || !record) return;
    panel.querySelector(".panel-kind").textContent = kind;
    panel.querySelector(".panel-title").textContent = title(kind, record);
    var dl = panel.querySelector(".panel-fields");
    while (dl.firstChild) dl.removeChild(dl.firstChild);
    (LABELS[kind] || []).forEach(function (pair) {
      var value = record[pair[1]];
      if (pair[1] === "mentions" && Array.isArray(value)) value = value.length + " in this article";
      var dt = document.createElement("dt"), dd = document.createElement("dd");
      dt.textContent = pair[0];
      dd.textContent = show(value);
      dl.appendChild(dt); dl.appendChild(dd);
    });
    var link = panel.querySelector(".panel-link");
    var target = kind === "entity" ? (record.canonical_id || id) : id;
    link.setAttribute("href", PAGES[kind] + encodeURIComponent(target));
    link.textContent = kind === "entity" ? "Open entity page →" : "Open " + kind + " →";
    panel.hidden = false;
    document.querySelectorAll("mark.selected").forEach(function (m) { m.classList.remove("selected"); });
    document.querySelectorAll('mark[data-id="' + CSS.escape(id) + '"]').forEach(function (m) { m.classList.add("selected"); });
  }

  document.addEventListener("DOMContentLoaded", function () {
    // filter forms: leave empty fields out of the URL, so it reads as what was asked
    document.querySelectorAll("form.filters").forEach(function (form) {
      form.addEventListener("submit", function () {
        form.querySelectorAll("input, select").forEach(function (field) {
          if (field.name && field.value === "") field.disabled = true;
        });
      });
    });
    var data = document.getElementById("records");
    var text = document.getElementById("article-text");
    if (!data || !text) return;
    var records = JSON.parse(data.textContent);
    text.addEventListener("click", function (ev) {
      // the innermost mark under the pointer is the most specific record
      var mark = ev.target.closest("mark.hl");
      if (mark) openPanel(records, mark);
    });
    text.addEventListener("keydown", function (ev) {
      if (ev.key === "Enter" && ev.target.matches("mark.hl")) openPanel(records, ev.target);
    });
    document.querySelectorAll("[data-toggle]").forEach(function (box) {
      box.addEventListener("change", function () {
        text.classList.toggle("hide-" + box.getAttribute("data-toggle"), !box.checked);
      });
    });
    document.querySelectorAll("[data-focus]").forEach(function (a) {
      a.addEventListener("click", function (ev) {
        var mark = document.getElementById("r-" + a.getAttribute("data-focus"));
        if (!mark) return;
        ev.preventDefault();
        mark.scrollIntoView({ block: "center", behavior: "smooth" });
        openPanel(records, mark);
      });
    });
    var close = document.querySelector("#panel .close");
    if (close) close.addEventListener("click", function () { document.getElementById("panel").hidden = true; });
    if (location.hash.indexOf("#r-") === 0) {
      var target = document.getElementById(location.hash.slice(1));
      if (target) openPanel(records, target);
    }
  });
})();
