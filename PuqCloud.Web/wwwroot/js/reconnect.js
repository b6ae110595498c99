// Drives the reconnection dialog (Components/Shared/ReconnectModal.razor) from blazor.web.js's
// "components-reconnect-state-changed" events. The dialog's class names the state; CSS shows that state's text.
(() => {
    const modal = document.getElementById("components-reconnect-modal");
    if (!modal || modal.dataset.wired) return;
    modal.dataset.wired = "1";
    const states = ["show", "retrying", "failed", "paused", "resume-failed"];
    const setState = state => {
        states.forEach(s => modal.classList.toggle("puq-state-" + s, s === state));
    };
    const retryWhenVisible = async () => {
        if (document.visibilityState === "visible") await retry();
    };
    async function retry() {
        document.removeEventListener("visibilitychange", retryWhenVisible);
        setState("show");
        try {
            // true: reconnected; false: the server answered but no longer knows this circuit (it restarted).
            if (!(await Blazor.reconnect())) location.reload();
        } catch {
            setState("failed");
            document.addEventListener("visibilitychange", retryWhenVisible);
        }
    }
    async function resume() {
        try {
            if (!(await Blazor.resumeCircuit())) location.reload();
        } catch {
            setState("resume-failed");
        }
    }
    modal.addEventListener("components-reconnect-state-changed", event => {
        const detail = event.detail || {};
        switch (detail.state) {
            case "show": setState("show"); if (!modal.open) modal.showModal(); break;
            case "retrying":
                setState("retrying");
                const seconds = document.getElementById("puq-reconnect-seconds");
                if (seconds) seconds.textContent = detail.secondsToNextAttempt ? `(${detail.secondsToNextAttempt} s)` : "";
                if (!modal.open) modal.showModal();
                break;
            case "failed": setState("failed"); document.addEventListener("visibilitychange", retryWhenVisible); break;
            case "paused": setState("paused"); if (!modal.open) modal.showModal(); break;
            case "rejected": location.reload(); break;
            case "hide": if (modal.open) modal.close(); break;
        }
    });
    document.getElementById("puq-reconnect-retry")?.addEventListener("click", retry);
    document.getElementById("puq-reconnect-resume")?.addEventListener("click", resume);
    document.getElementById("puq-reconnect-reload")?.addEventListener("click", () => location.reload());
})();
