// lessonpack's page: live checks, preview, build with progress, settings saved and loaded.
// Without JavaScript the form still posts to /download and returns the pack.
"use strict";
(function () {
  const form = document.getElementById("pack");
  const status = document.getElementById("status");
  const progress = document.getElementById("progress");
  const general = document.getElementById("general");
  const summary = document.getElementById("summary");
  const box = document.getElementById("preview");
  let checking = null, asked = 0;

  function data(withFiles) {
    const body = new FormData(form);
    body.delete("settings");
    if (!withFiles) body.delete("logo");
    return body;
  }

  function say(text) { status.textContent = text; }

  function working(button, on) {
    button.disabled = on;
    progress.hidden = !on;
    if (on) progress.removeAttribute("value");
  }

  // A message in the command's wording, as read beside its field: without the config's
  // path ("branding.primary: "), a list's position as "Date 2: ", and a capital letter.
  function plain(message) {
    const found = /^(?!warning: )[A-Za-z_][\w-]*(?:\.[\w-]+)*(?:\[(\d+)\])?: ([\s\S]*)$/.exec(message);
    let text = found ? found[2] : message;
    if (found && found[1] !== undefined) text = `Date ${Number(found[1]) + 1}: ${text}`;
    return text.charAt(0).toUpperCase() + text.slice(1);
  }

  function isWarning(message) { return /^warning: /i.test(plain(message)); }

  function labelOf(name, input) {      // what the page calls a field, for the list of problems
    const label = document.querySelector(`label[for="${input ? input.id : name}"]`);
    const group = input && input.closest("fieldset");
    const legend = group && group.querySelector("legend");
    if (input && input.type === "checkbox" && legend) return legend.textContent;
    if (!label) return legend ? legend.textContent : name;
    return (legend ? legend.textContent.replace(/ \(.*\)$/, "") + ": " : "") + label.textContent.replace(/ \(.*\)$/, "");
  }

  function clearProblems() {
    for (const p of form.querySelectorAll(".error")) { p.hidden = true; p.textContent = ""; p.classList.remove("warning"); }
    for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
    for (const el of form.querySelectorAll(".invalid")) el.classList.remove("invalid");
    general.hidden = true; general.textContent = ""; general.classList.remove("warning");
  }

  // Show each problem by its field (and those about the settings as a whole at the top);
  // return the problems as [label, message, input] for a list of them.
  function showProblems(answer) {
    clearProblems();
    const found = [];
    for (const [name, messages] of Object.entries(answer.fields || {})) {
      const error = document.getElementById(name + "-error");
      const input = document.getElementById(name) || form.querySelector(`[name="${name}"]`);
      const warningsOnly = messages.every(isWarning);
      if (error) {
        error.textContent = messages.map(plain).join(" ");
        error.classList.toggle("warning", warningsOnly);
        error.hidden = false;
        (error.closest(".field") || error.closest("fieldset")).classList.add("invalid");
      }
      if (input && !warningsOnly) input.setAttribute("aria-invalid", "true");
      for (const message of messages) found.push([labelOf(name, input), plain(message), input]);
    }
    const lines = (answer.general || []).concat(answer.error ? [answer.error] : []);
    if (lines.length) {
      for (const line of lines) { const p = document.createElement("p"); p.textContent = plain(line); general.appendChild(p); }
      general.classList.toggle("warning", lines.every(isWarning));
      general.hidden = false;
      for (const line of lines) found.push(["", plain(line), null]);
    }
    for (const name of ["primary", "accent"]) {
      const note = document.getElementById(name + "-note");
      const changes = (answer.colours || {})[name] || [];
      note.textContent = changes.length ? "Changed for contrast: " + changes.join("; ") + "." : "";
    }
    return found;
  }

  // After a button found problems: list them by the buttons, each a link to its field (moving
  // focus to the list); a live check keeps the list up to date (title null: the same title).
  function listProblems(found, title, focus = true) {
    const list = document.getElementById("summary-list");
    list.textContent = "";
    for (const [label, message, input] of found) {
      const item = document.createElement("li");
      if (input) {
        const link = document.createElement("a");
        link.href = "#" + input.id;
        link.textContent = `${label}: ${message}`;
        link.addEventListener("click", event => { event.preventDefault(); input.focus(); });
        item.appendChild(link);
      } else {
        item.textContent = message;
      }
      list.appendChild(item);
    }
    const warnings = found.every(([, message]) => isWarning(message));
    if (title || warnings) document.getElementById("summary-title").textContent = title || "Worth a look before you build";
    summary.classList.toggle("warning", warnings);
    summary.hidden = !found.length;
    if (found.length && focus) summary.focus();
  }

  function hideList() { summary.hidden = true; }

  async function check() {    // the latest check's answer, or null when a later check was asked for
    clearTimeout(checking);
    const mine = ++asked;
    const answer = await (await fetch("/api/check", { method: "POST", body: data(false) })).json();
    return mine === asked ? [answer, showProblems(answer)] : null;
  }

  async function live() {
    const checked = await check();
    if (checked && !summary.hidden) listProblems(checked[1], null, false);
  }

  function later() {          // a live check, once typing pauses
    clearTimeout(checking);
    checking = setTimeout(live, 500);
    if (box.querySelector("figure") && !box.querySelector(".stale")) {
      const stale = document.createElement("p");
      stale.className = "stale";
      stale.textContent = "You have changed your settings since this preview: press \u201cShow a preview\u201d to see them.";
      box.prepend(stale);
    }
  }

  function download(blob, name) {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = name;
    link.textContent = "Download " + name + " again";
    status.appendChild(document.createTextNode(" "));
    status.appendChild(link);
    link.click();
  }

  function refused(answer, what) {
    say(what + " was not made: see the list below.");
    listProblems(showProblems(answer), "Change these settings, then try again");
  }

  async function build(event) {
    event.preventDefault();
    clearTimeout(checking); asked++;
    clearProblems(); hideList();
    const button = document.getElementById("download");
    working(button, true);
    say("Checking your settings and making the pack...");
    try {
      const response = await fetch("/api/build", { method: "POST", body: data(true) });
      if (!response.ok || !response.body) { refused(await response.json(), "The pack"); return; }
      const reader = response.body.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end;
        while ((end = buffer.indexOf("\n")) >= 0) {
          const message = JSON.parse(buffer.slice(0, end));
          buffer = buffer.slice(end + 1);
          if (message.progress) {
            say(message.progress + (message.of > 1 ? ` (${message.done} of ${message.of})` : "") + "...");
            if (message.of > 1) { progress.max = message.of; progress.value = message.done; }
          } else if (message.zip) {
            const bytes = Uint8Array.from(atob(message.zip), c => c.charCodeAt(0));
            say("Your pack is ready.");
            download(new Blob([bytes], { type: "application/zip" }), message.name);
          } else {
            refused(message, "The pack");
          }
        }
      }
    } catch (error) {
      say("The server could not be reached; try again in a moment.");
    } finally {
      working(button, false);
    }
  }

  function picture(shown) {
    const figure = document.createElement("figure");
    const img = document.createElement("img");
    img.src = shown.src; img.alt = shown.alt;
    const caption = document.createElement("figcaption");
    caption.textContent = shown.alt;
    figure.append(img, caption);
    return figure;
  }

  async function preview() {
    const button = document.getElementById("show-preview");
    box.textContent = "";
    clearTimeout(checking); asked++;
    clearProblems(); hideList();
    working(button, true);
    say("Making a preview of the first lesson (this takes a few seconds)...");
    try {
      const response = await fetch("/api/preview", { method: "POST", body: data(true) });
      const answer = await response.json();
      if (!response.ok) { refused(answer, "The preview"); return; }
      const note = document.createElement("p");
      note.textContent = answer.note;
      const slides = document.createElement("div"), pages = document.createElement("div");
      slides.className = "slides"; pages.className = "pages";
      for (const shown of answer.pictures) (shown.alt.startsWith("Slide") ? slides : pages).appendChild(picture(shown));
      box.append(note, slides, pages);
      say("The preview is below.");
    } catch (error) {
      say("The server could not be reached; try again in a moment.");
    } finally { working(button, false); }
  }

  async function save() {
    const response = await fetch("/api/settings", { method: "POST", body: data(false) });
    if (!response.ok) { refused(await response.json(), "my-school.yaml"); return; }
    download(await response.blob(), "my-school.yaml");
    say("Your settings are saved as my-school.yaml.");
  }

  async function load() {
    const file = document.getElementById("settings").files[0];
    if (!file) return;
    const body = new FormData();
    body.append("settings", file);
    const response = await fetch("/api/load-settings", { method: "POST", body });
    const answer = await response.json();
    const error = document.getElementById("settings-error");
    if (!response.ok) { error.textContent = answer.error; error.hidden = false; return; }
    error.hidden = true;
    for (const input of form.querySelectorAll("input[type=text], input[type=number], select")) {
      if (input.name && input.name in answer.values) input.value = answer.values[input.name];
    }
    for (const key of ["default_bands", "variants"]) {
      const chosen = answer.values[key];
      if (!chosen) continue;
      const name = key === "default_bands" ? "bands" : key;
      for (const tick of form.querySelectorAll(`input[name="${name}"]`)) tick.checked = chosen.includes(tick.value);
    }
    document.getElementById("extra").value = answer.extra;
    const notes = document.getElementById("settings-notes");
    notes.textContent = answer.notes.length ? "Not loaded: " + answer.notes.join("; ") + "." : "Your settings are loaded.";
    syncSwatches(); bandsShown(); live();
  }

  function syncSwatches() {
    for (const name of ["primary", "accent"]) {
      const text = document.getElementById(name), swatch = document.getElementById(name + "-swatch");
      if (/^#?[0-9a-fA-F]{6}$/.test(text.value.trim())) swatch.value = "#" + text.value.trim().replace("#", "");
    }
  }

  function bandsShown() {
    for (const tick of form.querySelectorAll('input[name="bands"]')) {
      document.getElementById("lessons-" + tick.value).hidden = !tick.checked;
    }
  }

  for (const name of ["primary", "accent"]) {
    document.getElementById(name + "-swatch").addEventListener("input", event => {
      document.getElementById(name).value = event.target.value.slice(1).toUpperCase();
      later();
    });
  }
  form.addEventListener("input", event => {
    if (event.target.type === "file") return;
    if (event.target.id === "primary" || event.target.id === "accent") syncSwatches();
    later();
  });
  form.addEventListener("change", event => {      // also a value set without typing (cleared, filled in)
    if (event.target.name === "bands") bandsShown();
    if (event.target.type !== "file" && event.target.type !== "checkbox") later();
  });
  form.addEventListener("submit", build);
  document.getElementById("check").addEventListener("click", async () => {
    const checked = await check();
    if (!checked) return;
    const [answer, found] = checked;
    if (answer.ok) {
      say(found.length ? "Your settings are ready to build; see the notes below." : "Your settings are ready to build.");
      listProblems(found, "Worth a look before you build");
    } else {
      say("Some settings need changing: see the list below.");
      listProblems(found, "Change these settings, then check again");
    }
  });
  document.getElementById("show-preview").addEventListener("click", preview);
  document.getElementById("save").addEventListener("click", save);
  document.getElementById("settings").addEventListener("change", load);
  document.getElementById("logo").addEventListener("change", async () => {
    clearTimeout(checking);
    const mine = ++asked;
    const answer = await (await fetch("/api/check", { method: "POST", body: data(true) })).json();
    if (mine === asked) showProblems(answer);
  });
  bandsShown();
})();
