
/* ---- ws ---- */
#if !defined(MB_NO_WS)
#endif /* MB_NO_WS */
