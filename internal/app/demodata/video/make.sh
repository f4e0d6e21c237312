#!/bin/sh
# Makes the demo's training video (workbench-tour.webm, about 32 s) and the
# tests' short fixture (../../testdata/watch-fixture.webm, about 4 s): slides drawn by ffmpeg
# with the Noto CJK fonts, VP9 at a low bit rate. Run from this folder:
#   sh make.sh
set -eu
FONT=/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc
BOLD=/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc

# slide OUT SECONDS W H TITLE SUBTITLE LINE1 LINE2 LINE3 PAGE
slide() {
	out=$1 secs=$2 w=$3 h=$4 title=$5 sub=$6 l1=$7 l2=$8 l3=$9 page=${10}
	s=$((h / 27)) # type scale
	ffmpeg -v error -y -f lavfi -i "color=c=0xF6F7F9:s=${w}x${h}:r=10:d=${secs}" -vf "\
drawbox=x=0:y=0:w=iw:h=ih*0.2:color=0x1F6FEB:t=fill,\
drawtext=fontfile=$BOLD:text='$title':fontcolor=white:fontsize=$((s * 2)):x=w*0.06:y=h*0.055,\
drawtext=fontfile=$FONT:text='$sub':fontcolor=0x1F2937:fontsize=$((s * 3 / 2)):x=w*0.06:y=h*0.3,\
drawtext=fontfile=$FONT:text='$l1':fontcolor=0x374151:fontsize=$s:x=w*0.08:y=h*0.46,\
drawtext=fontfile=$FONT:text='$l2':fontcolor=0x374151:fontsize=$s:x=w*0.08:y=h*0.58,\
drawtext=fontfile=$FONT:text='$l3':fontcolor=0x374151:fontsize=$s:x=w*0.08:y=h*0.70,\
drawtext=fontfile=$FONT:text='ShopDojo 培训部':fontcolor=0x9CA3AF:fontsize=$((s * 3 / 4)):x=w*0.06:y=h*0.9,\
drawtext=fontfile=$FONT:text='$page':fontcolor=0x9CA3AF:fontsize=$((s * 3 / 4)):x=w*0.88:y=h*0.9" -c:v ffv1 "$out"
}

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
W=960 H=540 T=4.5
slide "$tmp/1.mkv" $T $W $H '千牛工作台快速导览' '新人入门 · 平台基础' '每天开店从工作台开始' '五个区域 · 一条检查顺序' 'A quick tour of the Qianniu workbench' '1/7'
slide "$tmp/2.mkv" $T $W $H '① 首页：今天先看什么' '待办、数据、消息' '待办事项：待发货、待退款、违规提醒' '店铺数据：访客、支付金额、转化率' '消息与公告：平台通知先读完' '2/7'
slide "$tmp/3.mkv" $T $W $H '② 交易：订单与发货' '已卖出的宝贝' '按订单状态筛选：待发货优先' '按承诺时效发货，超时影响店铺评分' '异常订单（缺货、改地址）当天处理' '3/7'
slide "$tmp/4.mkv" $T $W $H '③ 商品：发布与管理' '出售中与仓库中' '发布宝贝：标题、主图、详情、SKU' '改价改库存：提交前两人复核' '下架前确认没有进行中的活动' '4/7'
slide "$tmp/5.mkv" $T $W $H '④ 客服与售后' '接待中心与退款管理' '咨询响应：按客服排班及时接待' '退款与售后：在处理时限内完成' '评价管理：差评当天跟进' '5/7'
slide "$tmp/6.mkv" $T $W $H '⑤ 规则与店铺体检' '规则中心 · 体检中心' '规则中心：查最新规则和生效日期' '店铺体检：违规、扣分与整改任务' '规则以平台规则中心为准' '6/7'
slide "$tmp/7.mkv" $T $W $H '小结：每日开店顺序' '首页 → 交易 → 商品 → 售后 → 体检' '下一步：完成“每日开店检查”实操' '有疑问先问带教老师' '看完视频后本单元自动完成' '7/7'
printf "file '%s'\n" "$tmp"/1.mkv "$tmp"/2.mkv "$tmp"/3.mkv "$tmp"/4.mkv "$tmp"/5.mkv "$tmp"/6.mkv "$tmp"/7.mkv > "$tmp/list"
ffmpeg -v error -y -f concat -safe 0 -i "$tmp/list" -c:v libvpx-vp9 -b:v 40k -minrate 10k -maxrate 80k -g 50 -row-mt 1 \
	-deadline good -cpu-used 2 -an workbench-tour.webm

W=320 H=180 T=1.2
slide "$tmp/a.mkv" $T $W $H '测试视频' 'Test video' '第一页' '' '' '1/3'
slide "$tmp/b.mkv" $T $W $H '测试视频' 'Test video' '第二页' '' '' '2/3'
slide "$tmp/c.mkv" $T $W $H '测试视频' 'Test video' '第三页' '' '' '3/3'
printf "file '%s'\n" "$tmp"/a.mkv "$tmp"/b.mkv "$tmp"/c.mkv > "$tmp/list"
ffmpeg -v error -y -f concat -safe 0 -i "$tmp/list" -c:v libvpx-vp9 -b:v 30k -g 12 -deadline good -cpu-used 4 -an ../../testdata/watch-fixture.webm
