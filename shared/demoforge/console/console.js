/* Demoforge console: start demos, watch them live, answer the clarifying question, open
 * the report. Talks only to the api's JSON routes on the same origin (the page's CSP allows
 * nothing else). Every piece of server text goes into the page through textContent or an
 * attribute, never parsed as markup, so a hostile site name or event cannot inject any.
 */
(function () {
  "use strict";

  var JOB_POLL_MS = 1000;
  // A phase logs its "done" event just after the job document says so: keep polling a few
  // times after a job ends so the last events arrive too.
  var SETTLE_POLLS = 3;
  var LIST_POLL_MS = 5000;
  var LIST_LIMIT = 10;
  var EVENTS_LIMIT = 100;
  var PHASES = ["research", "modeling", "warehouse", "content", "agent"];
  var ACTIVE = { queued: true, running: true, waiting: true };

  var $ = function (id) { return document.getElementById(id); };

  var state = {
    industries: [],       // [{code, label}]
    labels: {},           // code -> label
    jobId: null,
    job: null,
    gen: 0,               // bumps on every job switch: late answers for the old job are dropped
    timer: null,
    inflight: null,       // the gen whose poll is running
    again: false,         // someone asked for a poll while one was running
    settle: 0,            // polls done since the job reached a final status
    events: { cursor: null, seen: 0, count: 0 },
    assetsFor: null,      // job id whose assets are shown
    choice: null,         // the industry picked in the clarification
    list: { cursors: [null], page: 0, next: null, timer: null },
    lastStatus: null
  };

  /* ---------- the api ---------- */

  function ApiError(status, code, message, correlationId) {
    this.status = status;
    this.code = code;
    this.message = message;
    this.correlationId = correlationId || "";
  }

  function describe(err) {
    if (err instanceof ApiError) {
      return err.message + (err.correlationId && err.status >= 500 ? " (correlation id " + err.correlationId + ")" : "");
    }
    return String(err && err.message ? err.message : err);
  }

  function request(method, path, body) {
    var init = { method: method, headers: { Accept: "application/json" }, credentials: "same-origin" };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    return fetch(path, init).then(function (resp) {
      return resp.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
        if (resp.ok) { return data; }
        var err = data && data.error;
        if (err && typeof err.message === "string") {
          throw new ApiError(resp.status, String(err.code || "error"), err.message, err.correlation_id);
        }
        // Not our api's JSON (a proxy or the platform answered): say what we know.
        throw new ApiError(resp.status, "http_" + resp.status,
          "The server answered " + resp.status + (resp.statusText ? " " + resp.statusText : "") + ".");
      });
    }, function (e) {
      throw new ApiError(0, "network", "Cannot reach the api: " + (e && e.message ? e.message : e));
    });
  }

  /* ---------- small DOM helpers (text only) ---------- */

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) { node.className = cls; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  function show(node, visible) { node.hidden = !visible; }

  function setError(node, err) {
    if (err) { node.textContent = describe(err); show(node, true); } else { node.textContent = ""; show(node, false); }
  }

  function announce(text) {
    var a = $("announcer");
    a.textContent = "";
    // A change after a tick is what makes screen readers speak the same text twice.
    window.setTimeout(function () { a.textContent = text; }, 50);
  }

  function industryLabel(code) { return state.labels[code] || code; }

  function statusBadge(node, status) {
    node.className = "badge badge-" + status;
    node.textContent = status;
  }

  function fmtDuration(seconds) {
    if (seconds === null || seconds === undefined || isNaN(seconds)) { return ""; }
    if (seconds < 10) { return seconds.toFixed(1) + " s"; }
    if (seconds < 90) { return Math.round(seconds) + " s"; }
    var m = Math.floor(seconds / 60), s = Math.round(seconds % 60);
    if (m < 60) { return m + " min " + (s < 10 ? "0" : "") + s + " s"; }
    return Math.floor(m / 60) + " h " + (m % 60) + " min";
  }

  function age(iso) {
    var t = Date.parse(iso);
    if (isNaN(t)) { return ""; }
    var s = Math.max(0, (Date.now() - t) / 1000);
    if (s < 45) { return "just now"; }
    if (s < 3600) { return Math.round(s / 60) + " min ago"; }
    if (s < 86400) { return Math.round(s / 3600) + " h ago"; }
    return Math.round(s / 86400) + " d ago";
  }

  function clock(iso) {
    var d = new Date(iso);
    return isNaN(d.getTime()) ? "" : d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });
  }

  function hostOf(url) {
    try { return new URL(url).host; } catch (e) { return url; }
  }

  function jobName(job) {
    var research = (job.results && job.results.research) || {};
    return job.company_name || research.company_name || hostOf(job.customer_url);
  }

  function safeHref(url) {
    // Only web links become clickable; the api only accepts http(s), but never trust that here.
    try {
      var u = new URL(url);
      return u.protocol === "http:" || u.protocol === "https:" ? u.href : null;
    } catch (e) { return null; }
  }

  /* ---------- industries ---------- */

  function loadIndustries() {
    return request("GET", "/industries").then(function (data) {
      state.industries = data.industries || [];
      state.labels = {};
      var form = $("f-industry"), other = $("clarify-other");
      state.industries.forEach(function (ind) {
        state.labels[ind.code] = ind.label;
        var a = el("option", null, ind.label); a.value = ind.code; form.appendChild(a);
        var b = el("option", null, ind.label); b.value = ind.code; other.appendChild(b);
      });
    }, function (err) {
      $("api-status").textContent = "Industries unavailable: " + describe(err);
    });
  }

  /* ---------- start form ---------- */

  function onStart(ev) {
    ev.preventDefault();
    var form = $("start-form"), url = $("f-url"), btn = $("start-submit");
    var body = { customer_url: url.value.trim(), scale: $("f-scale").value };
    if ($("f-industry").value) { body.industry_hint = $("f-industry").value; }
    if ($("f-company").value.trim()) { body.company_name = $("f-company").value.trim(); }
    if ($("f-language").value.trim()) { body.language = $("f-language").value.trim(); }
    setError($("start-error"), null);
    url.removeAttribute("aria-invalid");
    btn.disabled = true;
    btn.textContent = "Starting…";
    request("POST", "/jobs", body).then(function (resp) {
      form.reset();
      $("f-scale").value = "default";
      announce("Demo started.");
      goPage(0);
      location.hash = "#/jobs/" + encodeURIComponent(resp.job_id);
    }, function (err) {
      setError($("start-error"), err);
      if (/^customer_url/.test(err.message || "")) {
        url.setAttribute("aria-invalid", "true");
        url.setAttribute("aria-describedby", "f-url-hint start-error");
      }
      url.focus();
    }).then(function () {
      btn.disabled = false;
      btn.textContent = "Start demo";
    });
  }

  /* ---------- the list of demos ---------- */

  function goPage(page) {
    state.list.page = page;
    loadList();
  }

  function loadList() {
    var list = state.list;
    window.clearTimeout(list.timer);
    var q = "limit=" + LIST_LIMIT;
    var cursor = list.cursors[list.page];
    if (cursor) { q += "&cursor=" + encodeURIComponent(cursor); }
    return request("GET", "/jobs?" + q).then(function (data) {
      setError($("jobs-error"), null);
      list.next = data.next_cursor || null;
      list.cursors.length = list.page + 1;
      if (list.next) { list.cursors.push(list.next); }
      renderList(data.jobs || []);
      var busy = (data.jobs || []).some(function (j) { return ACTIVE[j.status]; });
      if (busy || list.page === 0) { list.timer = window.setTimeout(loadList, busy ? LIST_POLL_MS : LIST_POLL_MS * 3); }
    }, function (err) {
      setError($("jobs-error"), err);
      list.timer = window.setTimeout(loadList, LIST_POLL_MS * 3);
    });
  }

  function renderList(jobs) {
    var ul = $("jobs-list");
    clear(ul);
    show($("jobs-empty"), jobs.length === 0 && state.list.page === 0);
    jobs.forEach(function (job) {
      var li = el("li");
      var a = el("a", "job-item");
      a.href = "#/jobs/" + encodeURIComponent(job.job_id);
      a.setAttribute("data-job-id", job.job_id);
      if (job.job_id === state.jobId) { a.setAttribute("aria-current", "true"); }
      // The newer of the list's copy and the watched one wins (the list may be older).
      fillListItem(a, job.job_id === state.jobId && state.job && state.job.updated_at > job.updated_at ? state.job : job);
      li.appendChild(a);
      ul.appendChild(li);
    });
    $("jobs-page").textContent = "Page " + (state.list.page + 1);
    $("jobs-newer").disabled = state.list.page === 0;
    $("jobs-older").disabled = !state.list.next;
  }

  function fillListItem(a, job) {
    clear(a);
    var top = el("span", "job-item-top");
    top.appendChild(el("span", "job-item-name", jobName(job)));
    var badge = el("span");
    statusBadge(badge, job.status);
    top.appendChild(badge);
    a.appendChild(top);
    var bottom = el("span", "job-item-meta");
    bottom.appendChild(el("span", "job-item-host", hostOf(job.customer_url)));
    bottom.appendChild(el("span", "job-item-age", age(job.created_at)));
    a.appendChild(bottom);
    var bar = el("progress", "mini");
    bar.max = 100;
    bar.value = job.progress || 0;
    bar.setAttribute("aria-label", "Progress " + (job.progress || 0) + "%");
    a.appendChild(bar);
  }

  function patchListItem(job) {
    // The watched job is polled every second, the list every few: keep its row in step.
    var items = $("jobs-list").querySelectorAll("a.job-item");
    Array.prototype.forEach.call(items, function (a) {
      if (a.getAttribute("data-job-id") === job.job_id) { fillListItem(a, job); }
    });
  }

  function markCurrentInList() {
    var items = $("jobs-list").querySelectorAll("a.job-item");
    Array.prototype.forEach.call(items, function (a) {
      if (a.getAttribute("data-job-id") === state.jobId) { a.setAttribute("aria-current", "true"); } else { a.removeAttribute("aria-current"); }
    });
  }

  /* ---------- one job, live ---------- */

  function route() {
    var m = /^#\/jobs\/([A-Za-z0-9_-]{1,64})$/.exec(location.hash);
    selectJob(m ? decodeURIComponent(m[1]) : null, true);
  }

  function selectJob(jobId, focus) {
    window.clearTimeout(state.timer);
    state.gen += 1;
    state.jobId = jobId;
    state.job = null;
    state.lastStatus = null;
    state.settle = 0;
    state.events = { cursor: null, seen: 0, count: 0 };
    state.assetsFor = null;
    state.choice = null;
    clear($("events"));
    $("events-count").textContent = "";
    $("clarify-notes").value = "";
    setError($("job-load-error"), null);
    setError($("action-error"), null);
    show($("job-view"), false);
    show($("job-empty"), !jobId);
    // On a phone the demo being watched comes before the form (see console.css).
    document.body.classList.toggle("has-job", !!jobId);
    markCurrentInList();
    if (!jobId) { return; }
    tick(state.gen, focus);
  }

  function tick(gen, focus) {
    // One poll at a time per job: two overlapping polls would both append the same events.
    if (state.inflight === gen) { state.again = true; return; }
    state.inflight = gen;
    state.again = false;
    window.clearTimeout(state.timer);
    var id = state.jobId, delay = null;
    request("GET", "/jobs/" + encodeURIComponent(id)).then(function (job) {
      if (gen !== state.gen) { return null; }
      setError($("job-load-error"), null);
      renderJob(job);
      if (focus) { $("job-title").focus(); }
      return pullEvents(gen, id);
    }).then(function () {
      if (!state.job || gen !== state.gen) { return; }
      if (ACTIVE[state.job.status]) {
        state.settle = 0;
        delay = JOB_POLL_MS;
      } else if (state.settle < SETTLE_POLLS) {
        state.settle += 1;
        delay = JOB_POLL_MS * 2;
      }
    }, function (err) {
      if (gen !== state.gen) { return; }
      setError($("job-load-error"), err);
      show($("job-view"), !!state.job);
      show($("job-empty"), false);
      // A 404 will not heal by itself; anything else (network, 5xx) may.
      if (!(err instanceof ApiError) || err.status !== 404) { delay = JOB_POLL_MS * 3; }
    }).then(function () {
      if (state.inflight === gen) { state.inflight = null; }
      if (gen !== state.gen) { return; }
      if (state.again) { tick(gen, false); return; }
      if (delay !== null) { state.timer = window.setTimeout(function () { tick(gen, false); }, delay); }
    });
  }

  function kick() {
    // After an action: poll again now, even if the job looked finished.
    window.clearTimeout(state.timer);
    state.settle = 0;
    tick(state.gen, false);
    loadList();
  }

  function pullEvents(gen, id, round) {
    // The api returns a cursor only when a page is full, so the page's start cursor is kept
    // and what was already shown of that page is skipped on the next poll.
    round = round || 0;
    var ev = state.events;
    var q = "limit=" + EVENTS_LIMIT + (ev.cursor ? "&cursor=" + encodeURIComponent(ev.cursor) : "");
    return request("GET", "/jobs/" + encodeURIComponent(id) + "/events?" + q).then(function (data) {
      if (gen !== state.gen) { return null; }
      var events = data.events || [];
      appendEvents(events.slice(ev.seen));
      if (data.next_cursor && round < 20) {
        ev.cursor = data.next_cursor;
        ev.seen = 0;
        return pullEvents(gen, id, round + 1);
      }
      ev.seen = events.length;
      return null;
    });
  }

  function appendEvents(events) {
    if (!events.length) { return; }
    var ol = $("events");
    var nearBottom = ol.scrollHeight - ol.scrollTop - ol.clientHeight < 40;
    events.forEach(function (e) {
      var li = el("li", "event event-" + (e.level || "info"));
      var time = el("time", "event-time", clock(e.at));
      time.dateTime = e.at || "";
      li.appendChild(time);
      li.appendChild(el("span", "event-phase", e.phase || "job"));
      if (e.level === "warning" || e.level === "error") { li.appendChild(el("span", "event-level", e.level)); }
      li.appendChild(el("span", "event-message", e.message));
      ol.appendChild(li);
    });
    state.events.count += events.length;
    $("events-count").textContent = state.events.count + (state.events.count === 1 ? " event" : " events");
    if (nearBottom) { ol.scrollTop = ol.scrollHeight; }
  }

  function renderJob(job) {
    state.job = job;
    show($("job-empty"), false);
    show($("job-view"), true);
    $("job-title").textContent = jobName(job);
    var link = $("job-url");
    link.textContent = job.customer_url;
    var href = safeHref(job.customer_url);
    if (href) { link.href = href; } else { link.removeAttribute("href"); }
    statusBadge($("job-status"), job.status);
    $("job-progress").value = job.progress || 0;
    $("job-progress").setAttribute("aria-valuetext", (job.progress || 0) + "%, " + job.status);
    $("job-progress-text").textContent = (job.progress || 0) + "%";
    if (state.lastStatus !== null && state.lastStatus !== job.status) {
      announce("Demo " + jobName(job) + " is " + job.status + ".");
    }
    state.lastStatus = job.status;
    patchListItem(job);
    renderFacts(job);
    renderActions(job);
    renderError(job);
    renderClarification(job);
    renderPhases(job);
    renderCost(job);
    renderAssets(job);
  }

  function fact(dl, term, value) {
    if (value === null || value === undefined || value === "") { return; }
    var wrap = el("div", "fact");
    wrap.appendChild(el("dt", null, term));
    wrap.appendChild(el("dd", null, value));
    dl.appendChild(wrap);
  }

  function renderFacts(job) {
    var dl = $("job-facts");
    clear(dl);
    var research = (job.results && job.results.research) || {};
    var opts = job.options || {};
    fact(dl, "Industry", research.industry ? industryLabel(research.industry) : (job.industry_hint ? industryLabel(job.industry_hint) + " (given)" : "—"));
    fact(dl, "Scale", opts.rows ? opts.rows.toLocaleString() + " rows" : opts.scale);
    fact(dl, "Language", opts.language);
    fact(dl, "Current phase", ACTIVE[job.status] ? job.current_phase : null);
    fact(dl, "Created", age(job.created_at) + (job.created_by && job.created_by !== "local" ? " by " + job.created_by : ""));
    fact(dl, "Job id", job.job_id);
  }

  function renderActions(job) {
    var s = job.status;
    $("job-cancel").disabled = !ACTIVE[s];
    $("job-retry").disabled = !(s === "failed" || s === "cancelled");
    $("job-delete").disabled = s === "deleted";
    var report = $("job-report");
    show(report, s === "completed");
    report.href = "/jobs/" + encodeURIComponent(job.job_id) + "/report";
  }

  function renderError(job) {
    var box = $("job-error");
    var err = job.error;
    show(box, !!err);
    if (!err) { return; }
    $("job-error-code").textContent = err.code || "error";
    $("job-error-phase").textContent = err.phase ? " in " + err.phase : "";
    $("job-error-message").textContent = err.message || "";
  }

  function renderClarification(job) {
    var box = $("clarify");
    var c = job.clarification;
    var waiting = job.status === "waiting" && c && !c.answer;
    show(box, !!waiting);
    if (!waiting) { return; }
    $("clarify-question").textContent = c.question;
    var wrap = $("clarify-choices");
    var key = (c.candidates || []).join("|");
    if (wrap.getAttribute("data-key") !== key) {
      // Rebuild only when the candidates change, so focus and the choice survive polling.
      wrap.setAttribute("data-key", key);
      clear(wrap);
      (c.candidates || []).forEach(function (code) {
        var b = el("button", "choice", industryLabel(code));
        b.type = "button";
        b.setAttribute("data-industry", code);
        b.setAttribute("aria-pressed", "false");
        b.addEventListener("click", function () { choose(code, "button"); });
        wrap.appendChild(b);
      });
    }
    syncChoice();
  }

  function choose(code, from) {
    state.choice = code || null;
    if (from === "button") { $("clarify-other").value = ""; }
    syncChoice();
  }

  function syncChoice() {
    var buttons = $("clarify-choices").querySelectorAll("button.choice");
    var other = $("clarify-other").value;
    Array.prototype.forEach.call(buttons, function (b) {
      b.setAttribute("aria-pressed", !other && b.getAttribute("data-industry") === state.choice ? "true" : "false");
    });
    var submit = $("clarify-submit");
    submit.disabled = !state.choice;
    submit.textContent = state.choice ? "Resume as " + industryLabel(state.choice) : "Answer and resume";
  }

  function onAnswer() {
    if (!state.choice || !state.job) { return; }
    var body = { industry: state.choice };
    var notes = $("clarify-notes").value.trim();
    if (notes) { body.notes = notes; }
    var btn = $("clarify-submit");
    btn.disabled = true;
    setError($("clarify-error"), null);
    request("POST", "/jobs/" + encodeURIComponent(state.job.job_id) + ":answer", body).then(function (job) {
      announce("Answer sent; the demo resumes.");
      renderJob(job);
      kick();
    }, function (err) {
      setError($("clarify-error"), err);
      btn.disabled = false;
    });
  }

  function renderPhases(job) {
    var body = $("phases-body");
    clear(body);
    var phases = job.phases || {};
    PHASES.forEach(function (name) {
      var p = phases[name] || { status: "pending", attempts: 0 };
      var tr = el("tr", "phase-row phase-" + p.status);
      tr.setAttribute("data-phase", name);
      var th = el("th", "phase-name");
      th.scope = "row";
      th.appendChild(el("span", null, name));
      var summary = summarise(p.summary);
      if (summary) { th.appendChild(el("span", "phase-summary", summary)); }
      // A failed job's error is shown above; a phase's last error matters while it retries.
      var shownAbove = job.error && job.error.phase === name;
      if (p.last_error && p.status !== "done" && !shownAbove) { th.appendChild(el("span", "phase-last-error", p.last_error)); }
      tr.appendChild(th);
      var st = el("td");
      var badge = el("span");
      statusBadge(badge, p.status);
      st.appendChild(badge);
      tr.appendChild(st);
      tr.appendChild(el("td", "num", p.attempts || 0));
      var dur = p.duration_s;
      if ((dur === null || dur === undefined) && p.status === "running" && p.started_at) {
        dur = (Date.now() - Date.parse(p.started_at)) / 1000;
      }
      tr.appendChild(el("td", "num phase-duration", fmtDuration(dur) || "—"));
      body.appendChild(tr);
    });
  }

  function summarise(summary) {
    // A glance, not the document: the first few short values; timings have their column.
    if (!summary) { return ""; }
    var parts = [];
    Object.keys(summary).forEach(function (k) {
      var v = summary[k];
      if (v === null || v === undefined || typeof v === "boolean" || typeof v === "object" || /_s$/.test(k)) { return; }
      if (k === "industry") { v = industryLabel(v); }
      var text = typeof v === "number" ? v.toLocaleString() : String(v);
      if (text.length <= 32) { parts.push(k.replace(/_/g, " ") + ": " + text); }
    });
    return parts.slice(0, 4).join(" · ");
  }

  function costValue(key, v) {
    if (typeof v !== "number") { return String(v); }
    if (/usd$/i.test(key)) { return "$" + v.toFixed(v < 1 ? 4 : 2); }
    if (/bytes/i.test(key)) {
      var units = ["B", "KB", "MB", "GB", "TB"], i = 0;
      while (v >= 1000 && i < units.length - 1) { v /= 1000; i += 1; }
      return (i ? v.toFixed(1) : String(v)) + " " + units[i];
    }
    return v.toLocaleString();
  }

  function renderCost(job) {
    // The job document has a cost only once the pipeline records one; show whatever it holds.
    var card = $("cost-card"), dl = $("cost-list");
    var cost = job.cost;
    clear(dl);
    if (cost === null || cost === undefined) { show(card, false); return; }
    if (typeof cost === "number") {
      fact(dl, "Total", costValue("total_usd", cost));
    } else if (typeof cost === "object") {
      Object.keys(cost).forEach(function (k) {
        var v = cost[k];
        if (v && typeof v === "object") {
          Object.keys(v).forEach(function (k2) {
            if (v[k2] !== null && typeof v[k2] !== "object") { fact(dl, k.replace(/_/g, " ") + " · " + k2.replace(/_/g, " "), costValue(k2, v[k2])); }
          });
        } else if (v !== null && v !== undefined) {
          fact(dl, k.replace(/_/g, " "), costValue(k, v));
        }
      });
    }
    show(card, dl.childNodes.length > 0);
  }

  function renderAssets(job) {
    var card = $("assets-card");
    var done = job.status === "completed";
    show($("assets-pending"), !done);
    show($("assets-list"), done);
    if (!done) {
      $("assets-pending").textContent = job.status === "deleted"
        ? "This demo was deleted: its agent and dataset are gone."
        : job.status === "failed" || job.status === "cancelled"
          ? "No report: the demo did not complete. Retry resumes it from the phase that stopped."
          : "The report and its files appear here when the demo completes.";
      state.assetsFor = null;
      return;
    }
    if (state.assetsFor === job.job_id) { return; }
    state.assetsFor = job.job_id;
    var gen = state.gen;
    request("GET", "/jobs/" + encodeURIComponent(job.job_id) + "/assets").then(function (data) {
      if (gen !== state.gen) { return; }
      var ul = $("assets-list");
      clear(ul);
      var report = el("li", "asset asset-report");
      var ra = el("a", null, "Demo report");
      ra.href = "/jobs/" + encodeURIComponent(job.job_id) + "/report";
      ra.target = "_blank";
      ra.rel = "noopener";
      report.appendChild(ra);
      report.appendChild(el("span", "muted", "index.html, self-contained"));
      ul.appendChild(report);
      (data.assets || []).forEach(function (a) {
        if (a.name === "index.html") { return; }
        var li = el("li", "asset");
        var link = el("a", null, a.name);
        // Asset urls come from our api; keep them on our origin whatever they say.
        link.href = "/jobs/" + encodeURIComponent(job.job_id) + "/assets/" + a.name.split("/").map(encodeURIComponent).join("/");
        link.target = "_blank";
        link.rel = "noopener";
        li.appendChild(link);
        ul.appendChild(li);
      });
      show(card, true);
    }, function (err) {
      if (gen !== state.gen) { return; }
      state.assetsFor = null;
      setError($("action-error"), err);
    });
  }

  /* ---------- actions ---------- */

  function act(method, suffix, okText) {
    var job = state.job;
    if (!job) { return; }
    setError($("action-error"), null);
    var buttons = ["job-cancel", "job-retry", "job-delete"].map($);
    buttons.forEach(function (b) { b.disabled = true; });
    request(method, "/jobs/" + encodeURIComponent(job.job_id) + suffix).then(function (updated) {
      announce(okText);
      if (updated && updated.job_id === state.jobId) { renderJob(updated); }
      kick();
    }, function (err) {
      setError($("action-error"), err);
      renderActions(job);
    });
  }

  function confirmDelete() {
    var dialog = $("confirm-dialog");
    var job = state.job;
    if (!job) { return; }
    $("confirm-text").textContent = "This deletes the data agent, its conversations and the dataset of " +
      jobName(job) + ". The job stays listed as deleted.";
    var opener = document.activeElement;
    if (typeof dialog.showModal === "function") {
      dialog.showModal();
      $("confirm-no").focus();
    } else if (window.confirm($("confirm-text").textContent)) {
      act("DELETE", "", "Demo deleted.");
      return;
    }
    var done = function (ok) {
      dialog.close();
      if (opener && opener.focus) { opener.focus(); }
      if (ok) { act("DELETE", "", "Demo deleted."); }
    };
    $("confirm-yes").onclick = function () { done(true); };
    $("confirm-no").onclick = function () { done(false); };
  }

  /* ---------- start ---------- */

  function init() {
    $("start-form").addEventListener("submit", onStart);
    $("jobs-refresh").addEventListener("click", function () { loadList(); });
    $("jobs-newer").addEventListener("click", function () { if (state.list.page > 0) { goPage(state.list.page - 1); } });
    $("jobs-older").addEventListener("click", function () { if (state.list.next) { goPage(state.list.page + 1); } });
    $("job-cancel").addEventListener("click", function () { act("POST", ":cancel", "Demo cancelled."); });
    $("job-retry").addEventListener("click", function () { act("POST", ":retry", "Demo retried."); });
    $("job-delete").addEventListener("click", confirmDelete);
    $("clarify-other").addEventListener("change", function () { choose($("clarify-other").value, "select"); });
    $("clarify-submit").addEventListener("click", onAnswer);
    window.addEventListener("hashchange", route);
    document.addEventListener("visibilitychange", function () {
      // Catch up at once when the tab comes back (browsers slow timers in hidden tabs).
      if (!document.hidden && state.jobId) { kick(); }
    });
    loadIndustries().then(function () {
      loadList();
      route();
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
}());
