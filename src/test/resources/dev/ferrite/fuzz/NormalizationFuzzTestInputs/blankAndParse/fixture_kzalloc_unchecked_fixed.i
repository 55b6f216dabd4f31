# 0 "kzalloc_unchecked_fixed.c"
# 0 "<built-in>"
# 0 "<command-line>"
# 1 "/usr/include/stdc-predef.h" 1 3 4
# 0 "<command-line>" 2
# 1 "kzalloc_unchecked_fixed.c"
# 1 "kernel.h" 1



typedef unsigned long size_t;
typedef unsigned int gfp_t;





struct device { int id; };
struct platform_device { struct device dev; int irq; };
struct sk_buff { unsigned int len; unsigned char *data; };
void *kmalloc(size_t size, gfp_t flags);
void *kzalloc(size_t size, gfp_t flags);
void kfree(const void *p);
void *devm_kzalloc(struct device *dev, size_t size, gfp_t flags);
struct sk_buff *alloc_skb(unsigned int size, gfp_t flags);
void kfree_skb(struct sk_buff *skb);
int register_thing(void *thing);
int setup_hw(void *priv);
void *ERR_PTR(long error);
long PTR_ERR(const void *ptr);
int IS_ERR(const void *ptr);
int printk(const char *fmt, ...);
# 2 "kzalloc_unchecked_fixed.c" 2
struct foo { int a; int b; };
int make_foo(void)
{
 struct foo *f = kzalloc(sizeof(*f), 0xcc0u);
 if (!f)
  return -12;
 f->a = 1;
 return register_thing(f);
}
