# 0 "drivers/input/mouse/synaptics.c"
# 33 "drivers/input/mouse/synaptics.c" 2
# 1 "drivers/input/mouse/synaptics.h" 1
# 141 "drivers/input/mouse/synaptics.h"
enum synaptics_pkt_type {
 SYN_NEWABS,
 SYN_NEWABS_STRICT,
 SYN_NEWABS_RELAXED,
 SYN_OLDABS,
};




struct synaptics_hw_state {
 int x;
 int y;
 int z;
 int w;
 unsigned int left:1;
 unsigned int right:1;
 unsigned int middle:1;
 unsigned int up:1;
 unsigned int down:1;
 u8 ext_buttons;
 s8 scroll;
};


struct synaptics_device_info {
 u32 model_id;
 u32 firmware_id;
 u32 board_id;
 u32 capabilities;
 u32 ext_cap;
 u32 ext_cap_0c;
 u32 ext_cap_10;
 u32 identity;
 u32 x_res, y_res;
 u32 x_max, y_max;
 u32 x_min, y_min;
};

struct synaptics_data {
 struct synaptics_device_info info;

 enum synaptics_pkt_type pkt_type;
 u8 mode;
 int scroll;

 bool absolute_mode;
 bool disable_gesture;

 struct serio *pt_port;





 struct synaptics_hw_state agm;
 unsigned int agm_count;


 unsigned long press_start;
 bool press;
 bool report_press;
 bool is_forcepad;
};

void synaptics_module_init(void);
int synaptics_detect(struct psmouse *psmouse, bool set_properties);
int synaptics_init_absolute(struct psmouse *psmouse);
int synaptics_init_relative(struct psmouse *psmouse);
int synaptics_init_smbus(struct psmouse *psmouse);
int synaptics_init(struct psmouse *psmouse);
void synaptics_reset(struct psmouse *psmouse);
# 34 "drivers/input/mouse/synaptics.c" 2
# 79 "drivers/input/mouse/synaptics.c"
static int synaptics_mode_cmd(struct psmouse *psmouse, u8 mode)
{
 u8 param[1];
 int error;

 error = ps2_sliced_command(&psmouse->ps2dev, mode);
 if (error)
  return error;

 param[0] = 0x14;
 error = ps2_command(&psmouse->ps2dev, param, 0x10f3);
 if (error)
  return error;

 return 0;
}

int synaptics_detect(struct psmouse *psmouse, bool set_properties)
{
 struct ps2dev *ps2dev = &psmouse->ps2dev;
 u8 param[4] = { 0 };

 ps2_command(ps2dev, param, 0x10e8);
 ps2_command(ps2dev, param, 0x10e8);
 ps2_command(ps2dev, param, 0x10e8);
 ps2_command(ps2dev, param, 0x10e8);
 ps2_command(ps2dev, param, 0x03e9);

 if (param[1] != 0x47)
  return -19;

 if (set_properties) {
  psmouse->vendor = "Synaptics";
  psmouse->name = "TouchPad";
 }

 return 0;
}

void synaptics_reset(struct psmouse *psmouse)
{

 synaptics_mode_cmd(psmouse, 0);
}





static const char * const topbuttonpad_pnp_ids[] = {
 "LEN0017",
 "LEN0018",
 "LEN0019",
 "LEN0023",
 "LEN002A",
 "LEN002B",
 "LEN002C",
 "LEN002D",
 "LEN002E",
 "LEN0033",
 "LEN0034",
 "LEN0035",
 "LEN0036",
 "LEN0037",
 "LEN0038",
 "LEN0039",
 "LEN0041",
 "LEN0042",
 "LEN0045",
 "LEN0047",
 "LEN2000",
 "LEN2001",
 "LEN2002",
 "LEN2003",
 "LEN2004",
 "LEN2005",
 "LEN2006",
 "LEN2007",
 "LEN2008",
 "LEN2009",
 "LEN200A",
 "LEN200B",
 ((void *)0)
};

static const char * const smbus_pnp_ids[] = {

 "DLL060d",
 "LEN0048",
 "LEN0046",
 "LEN0049",
 "LEN004a",
 "LEN005b",
 "LEN005e",
 "LEN006c",
 "LEN007a",
 "LEN0071",
 "LEN0072",
 "LEN0073",
 "LEN0091",
 "LEN0092",
 "LEN0093",
 "LEN0096",
 "LEN0097",
 "LEN0099",
 "LEN009b",
 "LEN0402",
 "LEN040f",
 "LEN0411",
 "LEN200f",
 "LEN2044",
 "LEN2054",
 "LEN2055",
 "LEN2058",
 "LEN205b",
 "LEN2068",
 "SYN1221",
 "SYN3003",
 "SYN3015",
 "SYN3052",
 "SYN3221",
 "SYN323d",
 "SYN3257",
 "TOS01f6",
 "TOS0213",
 ((void *)0)
};

static const char * const forcepad_pnp_ids[] = {
 "SYN300D",
 "SYN3014",
 ((void *)0)
};




static int synaptics_send_cmd(struct psmouse *psmouse, u8 cmd, u8 *param)
{
 int error;

 error = ps2_sliced_command(&psmouse->ps2dev, cmd);
 if (error)
  return error;

 error = ps2_command(&psmouse->ps2dev, param, 0x03e9);
 if (error)
  return error;

 return 0;
}

static int synaptics_query_int(struct psmouse *psmouse, u8 query_cmd, u32 *val)
{
 int error;
 union {
  __be32 be_val;
  char buf[4];
 } resp = { 0 };

 error = synaptics_send_cmd(psmouse, query_cmd, resp.buf + 1);
 if (error)
  return error;

 *val = (__u32)__builtin_bswap32((__u32)(( __u32)(__be32)(resp.be_val)));
 return 0;
}





static int synaptics_identify(struct psmouse *psmouse,
         struct synaptics_device_info *info)
{
 int error;

 error = synaptics_query_int(psmouse, 0x00, &info->identity);
 if (error)
  return error;

 return (((info->identity) & ((((int)(sizeof(struct { int:(-!!(__builtin_choose_expr( (sizeof(int) == sizeof(*(8 ? ((void *)((long)((8) > (15)) * 0l)) : (int *)8))), (8) > (15), 0))); })))) + (((~(((0UL)))) - ((((1UL))) << (8)) + 1) & (~(((0UL))) >> (64 - 1 - (15)))))) == 0x004700U) ? 0 : -6;
}





static int synaptics_model_id(struct psmouse *psmouse,
         struct synaptics_device_info *info)
{
 return synaptics_query_int(psmouse, 0x03, &info->model_id);
}




static int synaptics_firmware_id(struct psmouse *psmouse,
     struct synaptics_device_info *info)
{
 return synaptics_query_int(psmouse, 0x0a,
       &info->firmware_id);
}
