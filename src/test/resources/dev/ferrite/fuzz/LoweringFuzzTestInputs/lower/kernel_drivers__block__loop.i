# 0 "drivers/block/loop.c"
# 37 "drivers/block/loop.c" 2

# 1 "./include/uapi/linux/loop.h" 1
# 16 "./include/uapi/linux/loop.h"
enum {
 LO_FLAGS_READ_ONLY = 1,
 LO_FLAGS_AUTOCLEAR = 4,
 LO_FLAGS_PARTSCAN = 8,
 LO_FLAGS_DIRECT_IO = 16,
};
# 33 "./include/uapi/linux/loop.h"
# 1 "./arch/x86/include/asm/posix_types.h" 1
# 34 "./include/uapi/linux/loop.h" 2



struct loop_info {
 int lo_number;
 __kernel_old_dev_t lo_device;
 unsigned long lo_inode;
 __kernel_old_dev_t lo_rdevice;
 int lo_offset;
 int lo_encrypt_type;
 int lo_encrypt_key_size;
 int lo_flags;
 char lo_name[64];
 unsigned char lo_encrypt_key[32];
 unsigned long lo_init[2];
 char reserved[4];
};

struct loop_info64 {
 __u64 lo_device;
 __u64 lo_inode;
 __u64 lo_rdevice;
 __u64 lo_offset;
 __u64 lo_sizelimit;
 __u32 lo_number;
 __u32 lo_encrypt_type;
 __u32 lo_encrypt_key_size;
 __u32 lo_flags;
 __u8 lo_file_name[64];
 __u8 lo_crypt_name[64];
 __u8 lo_encrypt_key[32];
 __u64 lo_init[2];
};
# 77 "./include/uapi/linux/loop.h"
struct loop_config {
 __u32 fd;
 __u32 block_size;
 struct loop_info64 info;
 __u64 __reserved[8];
};
# 39 "drivers/block/loop.c" 2


enum {
 Lo_unbound,
 Lo_bound,
 Lo_rundown,
 Lo_deleting,
};

struct loop_func_table;

struct loop_device {
 int lo_number;
 loff_t lo_offset;
 loff_t lo_sizelimit;
 int lo_flags;
 char lo_file_name[64];

 struct file * lo_backing_file;
 struct block_device *lo_device;

 gfp_t old_gfp_mask;

 spinlock_t lo_lock;
 int lo_state;
 spinlock_t lo_work_lock;
 struct workqueue_struct *workqueue;
 struct work_struct rootcg_work;
 struct list_head rootcg_cmd_list;
 struct list_head idle_worker_list;
 struct rb_root worker_tree;
 struct timer_list timer;
 bool use_dio;
 bool sysfs_inited;

 struct request_queue *lo_queue;
 struct blk_mq_tag_set tag_set;
 struct gendisk *lo_disk;
 struct mutex lo_mutex;
 bool idr_visible;
};

struct loop_cmd {
 struct list_head list_entry;
 bool use_aio;
 atomic_t ref;
 long ret;
 struct kiocb iocb;
 struct bio_vec *bvec;
 struct cgroup_subsys_state *blkcg_css;
 struct cgroup_subsys_state *memcg_css;
};




static struct idr loop_index_idr = { .idr_rt = { .xa_lock = (spinlock_t) { { .rlock = { .raw_lock = { { .val = { (0) } } }, } } }, .xa_flags = ((( gfp_t)4) | ( gfp_t) (1 << (((27 + 0)) + 0))), .xa_head = ((void *)0), }, .idr_base = (0), .idr_next = 0, };
static struct mutex loop_ctl_mutex = { .owner = { (0) } , .wait_lock = (raw_spinlock_t) { .raw_lock = { { .val = { (0) } } }, } , .wait_list = { &(loop_ctl_mutex.wait_list), &(loop_ctl_mutex.wait_list) } };
static struct mutex loop_validate_mutex = { .owner = { (0) } , .wait_lock = (raw_spinlock_t) { .raw_lock = { { .val = { (0) } } }, } , .wait_list = { &(loop_validate_mutex.wait_list), &(loop_validate_mutex.wait_list) } };
# 111 "drivers/block/loop.c"
static int loop_global_lock_killable(struct loop_device *lo, bool global)
{
 int err;

 if (global) {
  err = mutex_lock_killable(&loop_validate_mutex);
  if (err)
   return err;
 }
 err = mutex_lock_killable(&lo->lo_mutex);
 if (err && global)
  mutex_unlock(&loop_validate_mutex);
 return err;
}







static void loop_global_unlock(struct loop_device *lo, bool global)
{
 mutex_unlock(&lo->lo_mutex);
 if (global)
  mutex_unlock(&loop_validate_mutex);
}

static int max_part;
static int part_shift;

static loff_t get_size(loff_t offset, loff_t sizelimit, struct file *file)
{
 loff_t loopsize;


 loopsize = i_size_read(file->f_mapping->host);
 if (offset > 0)
  loopsize -= offset;

 if (loopsize < 0)
  return 0;

 if (sizelimit > 0 && sizelimit < loopsize)
  loopsize = sizelimit;




 return loopsize >> 9;
}

static loff_t get_loop_size(struct loop_device *lo, struct file *file)
{
 return get_size(lo->lo_offset, lo->lo_sizelimit, file);
}






static bool lo_bdev_can_use_dio(struct loop_device *lo,
  struct block_device *backing_bdev)
{
 unsigned short sb_bsize = bdev_logical_block_size(backing_bdev);

 if (queue_logical_block_size(lo->lo_queue) < sb_bsize)
  return false;
 if (lo->lo_offset & (sb_bsize - 1))
  return false;
 return true;
}

static void __loop_update_dio(struct loop_device *lo, bool dio)
{
 struct file *file = lo->lo_backing_file;
 struct inode *inode = file->f_mapping->host;
 struct block_device *backing_bdev = ((void *)0);
 bool use_dio;

 if ((((inode->i_mode) & 00170000) == 0060000))
  backing_bdev = I_BDEV(inode);
 else if (inode->i_sb->s_bdev)
  backing_bdev = inode->i_sb->s_bdev;

 use_dio = dio && (file->f_mode & (( fmode_t)0x400000)) &&
  (!backing_bdev || lo_bdev_can_use_dio(lo, backing_bdev));

 if (lo->use_dio == use_dio)
  return;


 vfs_fsync(file, 0);






 if (lo->lo_state == Lo_bound)
  blk_mq_freeze_queue(lo->lo_queue);
 lo->use_dio = use_dio;
 if (use_dio)
  lo->lo_flags |= LO_FLAGS_DIRECT_IO;
 else
  lo->lo_flags &= ~LO_FLAGS_DIRECT_IO;
 if (lo->lo_state == Lo_bound)
  blk_mq_unfreeze_queue(lo->lo_queue);
}
