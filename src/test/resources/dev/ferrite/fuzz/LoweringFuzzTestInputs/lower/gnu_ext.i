# 1 "g.c"
struct s{int a; char b[];};
int f(int n){ int r = ({ int t = n; t ? ({ t + 1; }) : 2; }); switch(n){case 1 ... 5: r++; break; default: ;}
 void *l = &&lab; goto *l; lab: return __builtin_offsetof(struct s, b) + r + _Generic(n, int: 1, default: 2); }
