// The theme switch of an interactive page: the page's own styles follow the <html> attribute at once, and the cookie
// (named by the server) keeps the choice for the next page the server renders.
window.puqTheme = {
    use(value, cookie) {
        document.documentElement.dataset.theme = value;
        const secure = location.protocol === 'https:' ? '; secure' : '';
        document.cookie = `${cookie}=${value}; path=/; max-age=31536000; samesite=lax${secure}`;
    }
};
