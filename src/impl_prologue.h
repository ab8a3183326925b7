/* ======================= implementation ======================= */
#if defined(MB_IMPLEMENTATION) && !defined(MB__IMPLEMENTED)
#define MB__IMPLEMENTED
#if !defined(MB__JSMN_CODE)
#error "define MB_IMPLEMENTATION before the first include of mb.h in the implementing file"
#endif
#include <string.h>
#include <limits.h>
#if !defined(MB_NO_FLOAT)
#include <stdio.h>
#include <stdlib.h>
#endif

/* Logging compiles away with MB_NO_LOG. */
#if defined(MB_NO_LOG)
#define MB__LOG(c, lvl, msg, len) ((void)0)
#else
#define MB__LOG(c, lvl, msg, len) mb__log((c), (lvl), (msg), (len))
#endif
#define MB__LOGS(c, lvl, lit) MB__LOG((c), (lvl), (lit), sizeof(lit) - 1)
