// lessonpack's page: live checks, preview, build with progress, settings saved and loaded.
// Without JavaScript the form still posts to /download and returns the pack.
"use strict";
(function () {
  const form = document.getElementById("pack");
  const status = document.getElementById("status");
  const progress = document.getElementById("progress");
  const general = document.getElementById("general");
  let checking = null;

  function data(withFiles) {
    const body = new FormData(form);
    body.delete("settings");
    if (!withFiles) body.delete("logo");
    return body;
  }

  function say(text) { status.textContent = text; }

  function clearProblems() {
    for (const p of form.querySelectorAll(".error")) { p.hidden = true; p.textContent = ""; }
    for (const el of form.querySelectorAll("[aria-invalid]")) el.removeAttribute("aria-invalid");
    general.hidden = true; general.textContent = "";
  }

  function showProblems(answer) {
    clearProblems();
    let first = null;
    for (const [name, messages] of Object.entries(answer.fields || {})) {
      const error = document.getElementById(name + "-error");
      const input = document.getElementById(name) || form.querySelector(`[name="${name}"]`);
      if (error) { error.textContent = messages.join(" "); error.hidden = false; }
      if (input) { input.setAttribute("aria-invalid", "true"); first = first || input; }
    }
    const lines = (answer.general || []).concat(answer.error ? [answer.error] : []);
    if (lines.length) {
      general.textContent = "";
      for (const line of lines) { const p = document.createElement("p"); p.textContent = line; general.appendChild(p); }
      general.hidden = false;
    }
    for (const name of ["primary", "accent"]) {
      const note = document.getElementById(name + "-note");
      const changes = (answer.colours || {})[name] || [];
      note.textContent = changes.length ? "Changed for contrast: " + changes.join("; ") + "." : "";
    }
    return first;
  }

  async function check() {
    const response = await fetch("/api/check", { method: "POST", body: data(false) });
    const answer = await response.json();
    showProblems(answer);
    return answer;
  }

  function later() {          // a live check, once typing pauses
    clearTimeout(checking);
    checking = setTimeout(check, 500);
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

  async function build(event) {
    event.preventDefault();
    clearProblems();
    const button = document.getElementById("download");
    button.disabled = true;
    progress.hidden = false; progress.removeAttribute("value");
    say("Checking your settings and making the pack...");
    try {
      const response = await fetch("/api/build", { method: "POST", body: data(true) });
      if (!response.ok || !response.body) {
        const first = showProblems(await response.json());
        say("The pack was not made: see the messages by each field.");
        if (first) first.focus();
        return;
      }
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
            const first = showProblems(message);
            say("The pack was not made: see the messages by each field.");
            if (first) first.focus();
          }
        }
      }
    } catch (error) {
      say("The server could not be reached; try again in a moment.");
    } finally {
      button.disabled = false;
      progress.hidden = true;
    }
  }

  async function preview() {
    const box = document.getElementById("preview");
    box.textContent = "";
    say("Making a preview of the first lesson...");
    progress.hidden = false; progress.removeAttribute("value");
    try {
      const response = await fetch("/api/preview", { method: "POST", body: data(true) });
      const answer = await response.json();
      if (!response.ok) { showProblems(answer); say("No preview: see the messages by each field."); return; }
      const note = document.createElement("p");
      note.textContent = answer.note;
      box.appendChild(note);
      for (const picture of answer.pictures) {
        const figure = document.createElement("figure");
        const img = document.createElement("img");
        img.src = picture.src; img.alt = picture.alt;
        const caption = document.createElement("figcaption");
        caption.textContent = picture.alt;
        figure.append(img, caption);
        box.appendChild(figure);
      }
      say("The preview is below.");
    } finally { progress.hidden = true; }
  }

  async function save() {
    const response = await fetch("/api/settings", { method: "POST", body: data(false) });
    if (!response.ok) { showProblems(await response.json()); return; }
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
      for (const box of form.querySelectorAll(`input[name="${name}"]`)) box.checked = chosen.includes(box.value);
    }
    document.getElementById("extra").value = answer.extra;
    const notes = document.getElementById("settings-notes");
    notes.textContent = answer.notes.length ? "Not loaded: " + answer.notes.join("; ") + "." : "Your settings are loaded.";
    syncSwatches(); bandsShown(); check();
  }

  function syncSwatches() {
    for (const name of ["primary", "accent"]) {
      const text = document.getElementById(name), swatch = document.getElementById(name + "-swatch");
      if (/^#?[0-9a-fA-F]{6}$/.test(text.value.trim())) swatch.value = "#" + text.value.trim().replace("#", "");
    }
  }

  function bandsShown() {
    for (const box of form.querySelectorAll('input[name="bands"]')) {
      document.getElementById("lessons-" + box.value).hidden = !box.checked;
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
  form.addEventListener("change", event => { if (event.target.name === "bands") bandsShown(); });
  form.addEventListener("submit", build);
  document.getElementById("check").addEventListener("click", async () => {
    const answer = await check();
    say(answer.ok ? "Your settings are ready to build." : "Some settings need changing: see the messages by each field.");
  });
  document.getElementById("show-preview").addEventListener("click", preview);
  document.getElementById("save").addEventListener("click", save);
  document.getElementById("settings").addEventListener("change", load);
  document.getElementById("logo").addEventListener("change", async () => {
    const body = data(true);
    const answer = await (await fetch("/api/check", { method: "POST", body })).json();
    showProblems(answer);
  });
  bandsShown();
})();
