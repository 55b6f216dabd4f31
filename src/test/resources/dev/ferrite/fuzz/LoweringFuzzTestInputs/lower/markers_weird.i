#line 4294967295 "a\"b\\c"
# 0 ""
#  12   "x	q"  1 2 3 4
# 99999999999 "big"
#line
# "noline"
int x;
#line 3
void h(void){int a[2]; a[2]=1;}
