# 0 "driver.c"
# 0 "<built-in>"
# 0 "<command-line>"
# 1 "/usr/include/stdc-predef.h" 1 3 4
# 0 "<command-line>" 2
# 1 "driver.c"
# 17 "driver.c"
# 1 "/usr/lib/gcc/x86_64-linux-gnu/12/include/stddef.h" 1 3 4
# 145 "/usr/lib/gcc/x86_64-linux-gnu/12/include/stddef.h" 3 4

# 145 "/usr/lib/gcc/x86_64-linux-gnu/12/include/stddef.h" 3 4
typedef long int ptrdiff_t;
# 214 "/usr/lib/gcc/x86_64-linux-gnu/12/include/stddef.h" 3 4
typedef long unsigned int size_t;
# 329 "/usr/lib/gcc/x86_64-linux-gnu/12/include/stddef.h" 3 4
typedef int wchar_t;
# 424 "/usr/lib/gcc/x86_64-linux-gnu/12/include/stddef.h" 3 4
typedef struct {
  long long __max_align_ll __attribute__((__aligned__(__alignof__(long long))));
  long double __max_align_ld __attribute__((__aligned__(__alignof__(long double))));
# 435 "/usr/lib/gcc/x86_64-linux-gnu/12/include/stddef.h" 3 4
} max_align_t;
# 18 "driver.c" 2



# 20 "driver.c"
typedef unsigned int gfp_t;






typedef struct { volatile unsigned int slock; } spinlock_t;
typedef int irqreturn_t;
typedef irqreturn_t (*irq_handler_t)(int irq, void *dev_id);

struct device {
 const char *name;
 void *driver_data;
};

void *kzalloc(size_t size, gfp_t flags);
void *kmalloc(size_t size, gfp_t flags);
void kfree(const void *p);
void spin_lock_init(spinlock_t *lock);
void spin_lock(spinlock_t *lock);
void spin_unlock(spinlock_t *lock);
int request_irq(unsigned int irq, irq_handler_t handler, unsigned long flags,
  const char *name, void *dev_id);
void free_irq(unsigned int irq, void *dev_id);
int demo_hw_reset(struct device *dev);
int demo_hw_read(struct device *dev, char *buf, size_t len);
int _printk(const char *fmt, ...);





struct demo_priv {
 struct device *dev;
 spinlock_t lock;
 unsigned long events;
 char *rx_buf;
 unsigned int irq;
};

static irqreturn_t demo_irq(int irq, void *dev_id)
{
 struct demo_priv *priv = dev_id;
 int n;

 spin_lock(&priv->lock);
 n = demo_hw_read(priv->dev, priv->rx_buf, 64);
 if (n <= 0)
  return 0;
 priv->events++;
 spin_unlock(&priv->lock);
 return 1;
}

unsigned long demo_events(struct demo_priv *priv)
{
 return priv->events;
}

int demo_probe(struct device *dev, unsigned int irq)
{
 struct demo_priv *priv;
 int ret;

 priv = kzalloc(sizeof(*priv), 0xcc0u);
 if (!priv)
  return -12;
 priv->dev = dev;
 priv->irq = irq;
 spin_lock_init(&priv->lock);

 priv->rx_buf = kmalloc(64, 0xcc0u);
 priv->rx_buf[0] = '\0';

 ret = demo_hw_reset(dev);
 if (ret) {
  _printk("%s: " "reset failed: %d\n", (dev)->name, ret);
  goto err_free_priv;
 }

 ret = request_irq(irq, demo_irq, 0, "demo_sensor", priv);
 if (ret)
  goto err_free_buf;

 dev->driver_data = priv;
 return 0;

err_free_buf:
 kfree(priv->rx_buf);
err_free_priv:
 kfree(priv);
 return ret;
}

void demo_remove(struct device *dev)
{
 struct demo_priv *priv = dev->driver_data;

 free_irq(priv->irq, priv);
 kfree(priv->rx_buf);
 kfree(priv);
 dev->driver_data = 
# 122 "driver.c" 3 4
                   ((void *)0)
# 122 "driver.c"
                       ;
}
