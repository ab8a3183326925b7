/* Runs a libFuzzer harness over files without libFuzzer: for gcc builds
 * (coverage with --coverage, valgrind) and for replaying a crash input.
 * Usage: replay FILE|DIR...  (a directory: every regular file in it). */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static unsigned long runs;

static int run_file(const char *path) {
    static uint8_t buf[1 << 20];
    size_t n;
    FILE *f = fopen(path, "rb");
    if (!f) { fprintf(stderr, "replay: cannot open %s\n", path); return 1; }
    n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    {   /* a copy of exactly n bytes, so reading past the input is caught */
        uint8_t *copy = (uint8_t *)malloc(n ? n : 1);
        if (!copy) return 1;
        memcpy(copy, buf, n);
        LLVMFuzzerTestOneInput(copy, n);
        free(copy);
    }
    runs++;
    return 0;
}

int main(int argc, char **argv) {
    int bad = 0;
    for (int i = 1; i < argc; i++) {
        struct stat st;
        if (stat(argv[i], &st) != 0) { fprintf(stderr, "replay: no %s\n", argv[i]); bad = 1; continue; }
        if (S_ISDIR(st.st_mode)) {
            struct dirent **names;
            int k = scandir(argv[i], &names, NULL, alphasort);
            for (int j = 0; j < k; j++) {
                char p[4096];
                struct stat fs;
                snprintf(p, sizeof p, "%s/%s", argv[i], names[j]->d_name);
                if (stat(p, &fs) == 0 && S_ISREG(fs.st_mode)) bad |= run_file(p);
                free(names[j]);
            }
            if (k >= 0) free(names);
        } else {
            bad |= run_file(argv[i]);
        }
    }
    printf("replayed %lu inputs\n", runs);
    return bad;
}
