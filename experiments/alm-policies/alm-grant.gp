# Grant top-ups against supplied ones, paired against the supplying reactive treasury (the baseline).
# Run from this folder after run.sh:  gnuplot alm-grant.gp
# Each point: the mean over 200 paired replicates of policy − baseline in the same stress row, with its
# 95% interval (paired-*-grant.csv, written by paired.py).
set terminal pngcairo size 1200,440 font "sans,10"
set output "alm-grant.png"
set datafile separator ","
set termoption noenhanced
set multiplot layout 1,2 title "Topping the reserve up by grants instead of deposits: ΔP(run) against the supplying reactive treasury (95% intervals)"
set grid
set xtics ("forecast (supply)" 1, "grant" 2, "forecast + grant" 3)
set xrange [0.5:3.5]
set yrange [-0.8:0.2]
set ylabel "P(run) − P(run | reactive, supply)"
set key bottom left font ",9"
set style line 1 lc rgb "#1b9e77" pt 7
set style line 2 lc rgb "#d95f02" pt 5
set style line 3 lc rgb "#7570b3" pt 9
set style line 4 lc rgb "#e7298a" pt 11
set style line 5 lc rgb "#66a61e" pt 13
col(p) = (p eq "forecast") ? 1 : (p eq "grant") ? 2 : 3
rows(f, s) = sprintf("< awk -F, '$1 == \"%s\" && $3 == \"run\"' %s", s, f)
names = "none flash_crash bear_market gas_spike correlation_breakdown"
off(k) = (k - 2) * 0.1
do for [sc in "reference multi-collateral"] {
    f = sprintf("paired-%s-grant.csv", sc)
    last = (sc eq "reference") ? 4 : 5
    set title sc
    plot 0 with lines lc rgb "gray" notitle, \
        for [k=1:last] rows(f, word(names, k)) using (col(strcol(2)) + off(k)):4:5:6 with yerrorbars ls k lw 1.5 title word(names, k)
}
unset multiplot
