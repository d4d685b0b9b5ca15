# P(run) against the reserve fraction, one curve per depth of pool 0, balance_sheet depositors.
# Points: results/*/estimates.csv with 95% Wilson bars. Redraw: gnuplot balance-sheet.gp
set encoding utf8
set datafile separator comma
set xlabel 'liquid reserve, fraction of deposits (lending.reserve_fraction; loans: the rest)'
set ylabel 'P(run) = P(withdrawn fraction ≥ 0.5)'
set title 'Balance-sheet run game on the reference model: liquidity and pool depth' noenhanced
set yrange [0:1.02]
set xrange [0.08:0.52]
set grid lc rgb '#dddddd'
set key outside right top box
set linetype 1 lc rgb '#D55E00' lw 2 pt 7
set linetype 2 lc rgb '#000000' lw 2 pt 5
set linetype 3 lc rgb '#0072B2' lw 2 pt 9
# estimates.csv columns: reserve_fraction, replicates, runs, p_run, wilson_lo, wilson_hi, ...
do for [fmt in 'png svg'] {
    if (fmt eq 'png') { set terminal pngcairo noenhanced size 1400,800 font 'Sans,14'; set output 'balance-sheet.png' }
    if (fmt eq 'svg') { set terminal svg noenhanced size 1400,800 font 'Sans,14'; set output 'balance-sheet.svg' }
    plot 'results/shallow/estimates.csv' every ::1 using 1:4:5:6 with yerrorlines lt 1 title 'pool 0: 25k ETH / 50M USD', \
         'results/reference/estimates.csv' every ::1 using 1:4:5:6 with yerrorlines lt 2 title 'pool 0: 50k ETH / 100M USD (reference)', \
         'results/deep/estimates.csv' every ::1 using 1:4:5:6 with yerrorlines lt 3 title 'pool 0: 100k ETH / 200M USD'
    unset output
}
