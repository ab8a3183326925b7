
#endif /* MB_IMPLEMENTATION */
