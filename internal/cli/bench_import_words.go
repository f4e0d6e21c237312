package cli

// The word lists `bench import` builds its orders and notes from.

type genCity struct {
	name      string
	districts []string
}

type genPlace struct {
	province string
	cities   []genCity
}

// places are provinces, cities and districts as they appear in 收货地址,
// the municipalities written twice as Tmall writes them (上海 上海市 …).
var places = []genPlace{
	{"浙江省", []genCity{{"杭州市", []string{"西湖区", "余杭区", "滨江区", "拱墅区"}}, {"宁波市", []string{"鄞州区", "海曙区"}}, {"温州市", []string{"鹿城区", "瑞安市"}}, {"金华市", []string{"义乌市", "婺城区"}}}},
	{"江苏省", []genCity{{"南京市", []string{"玄武区", "江宁区", "鼓楼区"}}, {"苏州市", []string{"姑苏区", "工业园区", "昆山市"}}, {"无锡市", []string{"梁溪区", "滨湖区"}}}},
	{"广东省", []genCity{{"广州市", []string{"天河区", "越秀区", "番禺区", "白云区"}}, {"深圳市", []string{"南山区", "福田区", "宝安区", "龙岗区"}}, {"东莞市", []string{"南城街道", "长安镇"}}, {"佛山市", []string{"顺德区", "南海区"}}}},
	{"上海", []genCity{{"上海市", []string{"浦东新区", "徐汇区", "闵行区", "静安区", "杨浦区"}}}},
	{"北京", []genCity{{"北京市", []string{"朝阳区", "海淀区", "丰台区", "西城区"}}}},
	{"天津", []genCity{{"天津市", []string{"和平区", "南开区", "滨海新区"}}}},
	{"重庆", []genCity{{"重庆市", []string{"渝中区", "江北区", "沙坪坝区"}}}},
	{"山东省", []genCity{{"济南市", []string{"历下区", "市中区"}}, {"青岛市", []string{"市南区", "黄岛区", "崂山区"}}, {"烟台市", []string{"芝罘区"}}}},
	{"四川省", []genCity{{"成都市", []string{"武侯区", "锦江区", "高新区", "双流区"}}, {"绵阳市", []string{"涪城区"}}}},
	{"湖北省", []genCity{{"武汉市", []string{"洪山区", "武昌区", "江汉区"}}, {"宜昌市", []string{"西陵区"}}}},
	{"湖南省", []genCity{{"长沙市", []string{"岳麓区", "雨花区", "开福区"}}, {"株洲市", []string{"天元区"}}}},
	{"河南省", []genCity{{"郑州市", []string{"金水区", "二七区", "郑东新区"}}, {"洛阳市", []string{"洛龙区"}}}},
	{"河北省", []genCity{{"石家庄市", []string{"长安区", "裕华区"}}, {"保定市", []string{"竞秀区"}}}},
	{"福建省", []genCity{{"福州市", []string{"鼓楼区", "仓山区"}}, {"厦门市", []string{"思明区", "湖里区"}}, {"泉州市", []string{"丰泽区", "晋江市"}}}},
	{"安徽省", []genCity{{"合肥市", []string{"蜀山区", "包河区"}}, {"芜湖市", []string{"镜湖区"}}}},
	{"陕西省", []genCity{{"西安市", []string{"雁塔区", "碑林区", "未央区"}}}},
	{"辽宁省", []genCity{{"沈阳市", []string{"和平区", "浑南区"}}, {"大连市", []string{"中山区", "甘井子区"}}}},
	{"江西省", []genCity{{"南昌市", []string{"东湖区", "红谷滩区"}}}},
	{"广西壮族自治区", []genCity{{"南宁市", []string{"青秀区", "西乡塘区"}}, {"桂林市", []string{"七星区"}}}},
	{"云南省", []genCity{{"昆明市", []string{"五华区", "盘龙区"}}}},
	{"黑龙江省", []genCity{{"哈尔滨市", []string{"南岗区", "道里区"}}}},
	{"内蒙古自治区", []genCity{{"呼和浩特市", []string{"赛罕区"}}, {"包头市", []string{"昆都仑区"}}}},
	{"新疆维吾尔自治区", []genCity{{"乌鲁木齐市", []string{"天山区", "沙依巴克区"}}}},
	{"贵州省", []genCity{{"贵阳市", []string{"南明区", "观山湖区"}}}},
	{"山西省", []genCity{{"太原市", []string{"小店区", "迎泽区"}}}},
	{"吉林省", []genCity{{"长春市", []string{"朝阳区", "南关区"}}}},
	{"海南省", []genCity{{"海口市", []string{"龙华区", "美兰区"}}, {"三亚市", []string{"吉阳区"}}}},
}

var streets = []string{"文三路", "人民路", "解放路", "中山路", "建设大道", "长江路", "黄河路", "世纪大道", "科技园路",
	"学院路", "和平街", "新华路", "滨江大道", "工业园路", "幸福里", "南京东路", "金融街", "花园路"}

var surnames = []string{"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭",
	"何", "林", "罗", "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "欧阳", "司马"}

var givenNames = []string{"伟", "芳", "娜", "秀英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟",
	"涛", "明", "超", "秀兰", "霞", "平", "刚", "桂英", "小雨", "子涵", "浩然", "欣怡", "雨桐", "梓轩", "一诺"}

var nickWords = []string{"tb", "小雨爱购物", "快乐的鱼", "jenny_", "淘气宝宝", "阿狸", "sunny", "木子李", "老王",
	"爱吃鱼的猫", "momo", "清风", "tb_", "微笑", "leo", "花开半夏", "小蜜蜂", "dd", "橙子", "Kiki"}

// genProduct is a catalog entry: its title and unit price in fen.
type genProduct struct {
	title string
	price int64
}

var catalog = func() []genProduct {
	kinds := []struct {
		name  string
		price int64
	}{{"纯棉短袖T恤", 5900}, {"加绒卫衣", 12900}, {"高腰牛仔裤", 15900}, {"羊毛针织开衫", 29900}, {"轻薄羽绒服", 39900},
		{"帆布双肩包", 8900}, {"保温杯 500ml", 6900}, {"无线蓝牙耳机", 19900}, {"手机壳 防摔", 2900}, {"收纳盒 三件套", 3990},
		{"洗面奶 控油", 4900}, {"面膜 10片装", 7900}, {"猫粮 2.5kg", 11900}, {"零食大礼包", 6800}, {"运动袜 5双装", 2990}}
	specs := []string{"白色 L", "黑色 M", "灰色 XL", "藏青 S", "米色 均码", "粉色", "蓝色 标准款", "2024新款", "升级款"}
	var out []genProduct
	for i, k := range kinds {
		for j, s := range specs {
			// Prices vary a little by spec, as a store's SKUs do.
			out = append(out, genProduct{title: k.name + " " + s, price: k.price + int64((i*7+j*3)%5)*100})
		}
	}
	return out
}()

// Note fragments: what buyers type into 买家留言 and sellers into 卖家备注.
var (
	notePlain = []string{"请尽快发货，谢谢", "麻烦帮忙挑一件没有瑕疵的", "不要放快递柜", "周末送货", "发顺丰，邮费已补",
		"送人的，不要放发票和价格标签", "颜色拍错了，请改成黑色", "包装好一点，别压坏", "已和客服确认尺码", "催一下物流"}
	noteLead = []string{"收件人换成", "到了打电话", "联系电话改为", "地址改为", "身份证号", "退款请打到卡号",
		"有问题加QQ群", "快递单号", "备用手机", "发票抬头"}
)
