// Dashboard widgets: make every widget slot a drop target for HTML5 drag and drop. Cancelling dragenter and
// dragover here, in the browser, avoids sending a server event for every mouse move; the circuit hears only
// dragstart and drop. Firefox starts a drag only when the drag carries data.
document.addEventListener('dragstart', (event) => {
    const slot = event.target.closest && event.target.closest('[data-widget]');
    if (slot && event.dataTransfer) {
        event.dataTransfer.setData('text/plain', slot.dataset.widget);
        event.dataTransfer.effectAllowed = 'move';
    }
});
for (const type of ['dragenter', 'dragover']) {
    document.addEventListener(type, (event) => {
        if (event.target.closest && event.target.closest('[data-widget]')) {
            event.preventDefault();
            if (event.dataTransfer) event.dataTransfer.dropEffect = 'move';
        }
    });
}
