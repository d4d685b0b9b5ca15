# Written by ballast bench --scale. Redraw from this folder with: gnuplot scale.gp
set datafile separator ","
set logscale xy
set grid
set key top left
set xlabel "depositors"
set ylabel "CPU seconds per replicate / peak RSS (MiB)"
set title "Cost against population (experiments/reference/reference.yaml)"
do for [t in "pngcairo svg"] {
    set terminal t size 800,500
    set output (t eq "svg" ? "scale.svg" : "scale.png")
    plot "scale.csv" every ::1 using 1:3 with linespoints lw 2 pt 7 title "CPU per replicate (s)", \
         "scale.csv" every ::1 using 1:($5/1048576) with linespoints lw 2 pt 5 title "peak RSS (MiB)"
}
