/*
 * The fixed twin of uaf.c: the buffer is freed after its last use, so there is
 * nothing to report.
 *
 *   bin/ferrite check examples/uaf_fixed.c
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
	strcpy(buf, "hello");
	printf("%s\n", buf);
	free(buf);
	return 0;
}
