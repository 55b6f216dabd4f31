# 1 "../../../etc/passwd"
# 1 "<built-in>"
# 7 "/abs/x.h" 1 3 4
int f(int *p) { return *p; }
# 9 "../../../etc/passwd" 2
int g(void){return f(0);}
