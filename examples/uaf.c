/*
 * The use after free from the Rust-for-Linux story: the buffer is freed, then
 * written to. A C compiler accepts it (gcc 12 -Wall warns about this simplest
 * form, not once the free is in another function); Rust rejects the same code
 * at compile time, because `buf` was moved into `drop` and is gone.
 *
 *   bin/ferrite check examples/uaf.c
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void)
{
	char *buf = malloc(16);

	if (!buf)
		return 1;
	strcpy(buf, "hi");
	printf("%s\n", buf);
	free(buf);
	strcpy(buf, "hello");	/* BUG: use after free (CWE-416) */
	printf("%s\n", buf);
	return 0;
}
