// SPDX-License-Identifier: GPL-2.0
/*
 * demo_sensor: a small kernel-style driver for a made-up sensor, with the kind
 * of bugs that reach real drivers. It is standalone: the kernel APIs it uses
 * are declared below, so `gcc -c driver.c` builds it without a kernel tree.
 *
 *   bin/ferrite check examples/driver.c
 *
 * Bugs (each marked BUG below):
 *   demo_probe()     kmalloc() result used without a NULL check (CWE-690)
 *   demo_probe()     an error path jumps past the label that frees rx_buf:
 *                    rx_buf leaks (CWE-401)
 *   demo_irq()       returns with priv->lock held (CWE-667)
 *   demo_events()    reads priv->events without the lock that protects it
 *                    (data race, CWE-362)
 */
#include <stddef.h>

/* ---- what the kernel headers would provide ---- */
typedef unsigned int gfp_t;
#define GFP_KERNEL	0xcc0u
#define ENOMEM		12
#define ENODEV		19
#define IRQ_NONE	0
#define IRQ_HANDLED	1

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
#define dev_err(dev, fmt, ...) _printk("%s: " fmt, (dev)->name, ##__VA_ARGS__)

/* ---- the driver ---- */
#define DEMO_RX_LEN 64

struct demo_priv {
	struct device *dev;
	spinlock_t lock;	/* protects events */
	unsigned long events;
	char *rx_buf;
	unsigned int irq;
};

static irqreturn_t demo_irq(int irq, void *dev_id)
{
	struct demo_priv *priv = dev_id;
	int n;

	spin_lock(&priv->lock);
	n = demo_hw_read(priv->dev, priv->rx_buf, DEMO_RX_LEN);
	if (n <= 0)
		return IRQ_NONE;	/* BUG: returns with priv->lock held */
	priv->events++;
	spin_unlock(&priv->lock);
	return IRQ_HANDLED;
}

unsigned long demo_events(struct demo_priv *priv)
{
	return priv->events;	/* BUG: data race, priv->lock not held */
}

int demo_probe(struct device *dev, unsigned int irq)
{
	struct demo_priv *priv;
	int ret;

	priv = kzalloc(sizeof(*priv), GFP_KERNEL);
	if (!priv)
		return -ENOMEM;
	priv->dev = dev;
	priv->irq = irq;
	spin_lock_init(&priv->lock);

	priv->rx_buf = kmalloc(DEMO_RX_LEN, GFP_KERNEL);
	priv->rx_buf[0] = '\0';		/* BUG: kmalloc() may return NULL */

	ret = demo_hw_reset(dev);
	if (ret) {
		dev_err(dev, "reset failed: %d\n", ret);
		goto err_free_priv;	/* BUG: should be err_free_buf: rx_buf leaks */
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
	dev->driver_data = NULL;
}
