# 1 "a.c"
void *malloc(unsigned long);
void free(void *);
int main(void){ char *p = malloc(4); if (!p) return 1; free(p); p[0] = 1; free(p); return p[1]; }
