
/* ---- ws: RFC 6455 client and graphql-transport-ws subscriptions ---- */
#if !defined(MB_NO_WS)
#endif /* MB_NO_WS */
