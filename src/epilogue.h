
#ifdef __cplusplus
}
#endif
#endif /* MB_H */
