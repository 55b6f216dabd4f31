# 1 "l.c"
int f(int *a, int n){ int s=0; for(int i=0;i<n;i++){ while(a[i]--) { if(s>3) break; s+=a[i]; } do { s--; } while(s>0); } return s; }
